/*
 * exec_empty_argv - execve with an empty argv: as on Linux since 5.18, the
 * new program gets argc 1 and argv = { "", NULL }, not argc 0 (a program
 * that trusts argc >= 1 would otherwise read envp as its arguments).
 *
 * The test re-executes itself (argv[0] is its path) with argv = { NULL }
 * and envp = { "EMPTY_ARGV_CHECK=1", NULL }; the new image sees that
 * variable and exits 0 if its arguments are right, else 10 + argc.
 */
#include <conduit/test.h>
#include <stdlib.h>

static int check_role(int argc, char **argv)
{
	if (argc == 1 && argv[0] != NULL && argv[0][0] == '\0' && argv[1] == NULL)
		return 0;
	return 10 + argc;
}

int main(int argc, char **argv)
{
	char *no_args[] = { NULL };
	char *env[] = { "EMPTY_ARGV_CHECK=1", NULL };
	pid_t pid;
	int status;

	if (getenv("EMPTY_ARGV_CHECK"))
		return check_role(argc, argv);
	CHECK(argc >= 1);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		execve(argv[0], no_args, env);
		_exit(99);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fprintf(stderr, "FAIL: the program run with an empty argv: status %#x "
			"(exit 10 + argc)\n", status);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
	return 0;
}
