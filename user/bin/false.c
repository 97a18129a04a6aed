/*
 * false - do nothing, unsuccessfully.
 *
 * Usage: false [ANYTHING...]
 *
 * Exits with status 1 and ignores its arguments.  Handy for testing how
 * a shell or a pipeline handles a failing command.
 */
int main(void)
{
	return 1;
}
