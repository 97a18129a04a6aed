/*
 * true - do nothing, successfully.
 *
 * Usage: true [ANYTHING...]
 *
 * Exits with status 0 and ignores its arguments.  Useful in shell
 * conditions and loops ("while true; do ...; done", "cmd || true").
 */
int main(void)
{
	return 0;
}
