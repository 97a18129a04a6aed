/*
 * exec_args - execve() delivers argv and envp exactly, and rejects bad
 * arguments with the right error.
 *
 * The test runs in two roles, chosen by its arguments:
 *
 *   exec_args                 (argc == 1) the checker: forks a child that
 *                             re-executes this program (argv[0] is its
 *                             absolute path) with the special argv and
 *                             envp below, and checks it exits 0.
 *   exec_args --exec-check …  the re-executed image: verifies argc, every
 *                             argv string, envp, environ and getenv(),
 *                             and exits 0 (or 1 from a failed CHECK).
 *
 * The special argv holds an empty string, a string longer than a page,
 * one with a blank inside, and many short strings.
 *
 * Then execve() must fail, leaving the caller running, for a missing file
 * (ENOENT) and for bad pointers as the path, argv, an argv string, or an
 * envp string (EFAULT).  Those attempts run in children, and are set up
 * so that if one wrongly succeeded, the new image would exit with
 * UNEXPECTED_START instead of looping or passing.
 */
#include <conduit/test.h>

#define LONG_LEN 5000
#define MANY 100
#define FIXED_ARGS 5		/* path, --exec-check, "", long, two words */
#define UNEXPECTED_START 99

extern char **environ;

static char long_arg[LONG_LEN + 1];
static char many_args[MANY][8];

/* Fill in long_arg and many_args, which both roles need. */
static void make_strings(void)
{
	for (int i = 0; i < LONG_LEN; i++)
		long_arg[i] = 'a' + i % 26;
	long_arg[LONG_LEN] = '\0';
	for (int i = 0; i < MANY; i++)
		snprintf(many_args[i], sizeof many_args[i], "arg%d", i);
}

/* The re-executed image: check everything the parent passed. */
static int check_role(int argc, char **argv, char **envp)
{
	char expect_parent[32];
	int env_count = 0;

	CHECK_EQ(argc, FIXED_ARGS + MANY);
	CHECK(argv[argc] == NULL);
	CHECK(argv[0][0] == '/');
	CHECK_EQ(strcmp(argv[1], "--exec-check"), 0);
	CHECK_EQ(strlen(argv[2]), 0);
	CHECK_EQ(strlen(argv[3]), LONG_LEN);
	CHECK_EQ(strcmp(argv[3], long_arg), 0);
	CHECK_EQ(strcmp(argv[4], "two words"), 0);
	for (int i = 0; i < MANY; i++)
		CHECK_EQ(strcmp(argv[FIXED_ARGS + i], many_args[i]), 0);

	while (envp[env_count] != NULL)
		env_count++;
	CHECK_EQ(env_count, 4);
	CHECK_EQ(strcmp(envp[0], "A=1"), 0);
	CHECK_EQ(strcmp(envp[1], "B=hello world"), 0);
	CHECK_EQ(strcmp(envp[2], "EMPTY="), 0);
	CHECK(environ == envp);

	CHECK(getenv("A") != NULL);
	CHECK_EQ(strcmp(getenv("A"), "1"), 0);
	CHECK(getenv("B") != NULL);
	CHECK_EQ(strcmp(getenv("B"), "hello world"), 0);
	CHECK(getenv("EMPTY") != NULL);
	CHECK_EQ(strcmp(getenv("EMPTY"), ""), 0);
	CHECK(getenv("MISSING") == NULL);

	/* execve keeps the process: same parent as before the exec. */
	snprintf(expect_parent, sizeof expect_parent, "EXEC_ARGS_PARENT=%d",
		 (int)getppid());
	CHECK_EQ(strcmp(envp[3], expect_parent), 0);
	return 0;
}

/* Re-execute ourselves in the check role and check it passes. */
static void exec_good(const char *self)
{
	static char *args[FIXED_ARGS + MANY + 1];
	char parent_var[32];
	char *env[5];
	pid_t pid;
	int status;

	args[0] = (char *)self;
	args[1] = "--exec-check";
	args[2] = "";
	args[3] = long_arg;
	args[4] = "two words";
	for (int i = 0; i < MANY; i++)
		args[FIXED_ARGS + i] = many_args[i];
	args[FIXED_ARGS + MANY] = NULL;

	snprintf(parent_var, sizeof parent_var, "EXEC_ARGS_PARENT=%d",
		 (int)getpid());
	env[0] = "A=1";
	env[1] = "B=hello world";
	env[2] = "EMPTY=";
	env[3] = parent_var;
	env[4] = NULL;

	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		execve(self, args, env);
		fprintf(stderr, "FAIL exec_args: execve %s: %s\n",
			self, strerror(errno));
		_exit(100);
	}
	status = wait_for_child(pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
}

/* In a child, execve() must fail with `expected`; the child exits 0 if so. */
static void exec_bad(int line, const char *path, char **args, char **env,
		     int expected)
{
	pid_t pid = fork();
	int status;

	CHECK(pid >= 0);
	if (pid == 0) {
		int result = execve(path, args, env);

		if (result == -1 && errno == expected)
			_exit(0);
		fprintf(stderr, "FAIL exec_args.c:%d: execve returned %d, errno %d (%s), expected errno %d\n",
			line, result, errno, strerror(errno), expected);
		_exit(1);
	}
	status = wait_for_child(pid);
	if (status != 0)
		fprintf(stderr, "FAIL exec_args.c:%d: child status 0x%x\n",
			line, status);
	CHECK_EQ(status, 0);
}

static void exec_errors(const char *self)
{
	char *kernel_address = opaque_pointer(0xC0000000);
	char *plain_args[] = { (char *)self, "--unexpected", NULL };
	char *bad_string_args[] = { (char *)self, kernel_address, NULL };
	char *marked_env[] = { "EXEC_ARGS_CHILD=1", NULL };
	char *bad_env[] = { "A=1", kernel_address, NULL };

	exec_bad(__LINE__, "/no/such/program", plain_args, marked_env, ENOENT);
	exec_bad(__LINE__, opaque_pointer(0), plain_args, marked_env, EFAULT);
	exec_bad(__LINE__, kernel_address, plain_args, marked_env, EFAULT);
	exec_bad(__LINE__, self, (char **)kernel_address, marked_env, EFAULT);
	exec_bad(__LINE__, self, bad_string_args, marked_env, EFAULT);
	exec_bad(__LINE__, self, plain_args, (char **)kernel_address, EFAULT);
	exec_bad(__LINE__, self, plain_args, bad_env, EFAULT);
}

int main(int argc, char **argv, char **envp)
{
	make_strings();
	if (argc >= 2 && strcmp(argv[1], "--exec-check") == 0)
		return check_role(argc, argv, envp);
	if (argc != 1 || getenv("EXEC_ARGS_CHILD") != NULL) {
		fprintf(stderr, "FAIL exec_args: started with unexpected arguments\n");
		return UNEXPECTED_START;
	}

	CHECK(argv[0][0] == '/');
	exec_good(argv[0]);
	exec_errors(argv[0]);
	return 0;
}
