/*
 * libc_sscanf - sscanf() against the results glibc gives for the same
 * calls: every conversion (d i u o x X p s c [ n %), widths, '*', the
 * length modifiers, clamping of numbers that do not fit, and the return
 * value (items stored, or EOF when the input ends before the first one).
 * The same file built with i686-linux-gnu-gcc -static passes on Linux.
 */
#include <conduit/test.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define UNTOUCHED (-7)

/*
 * vsscanf takes the arguments as a va_list.  The compiler does not check
 * formats passed through here, so it also serves for the formats it
 * would warn about (a width of 0, an unknown conversion).
 */
static int call_vsscanf(const char *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsscanf(s, fmt, ap);
	va_end(ap);
	return n;
}

static void test_return_values(void)
{
	int a = UNTOUCHED, b = UNTOUCHED, n = UNTOUCHED;

	CHECK_EQ(sscanf("", "%d", &a), EOF);
	CHECK_EQ(sscanf("   ", "%d", &a), EOF);
	CHECK_EQ(a, UNTOUCHED);
	CHECK_EQ(sscanf("abc", "%d", &a), 0);
	CHECK_EQ(a, UNTOUCHED);
	CHECK_EQ(sscanf("", "abc"), EOF);
	CHECK_EQ(sscanf("abd", "abc"), 0);
	CHECK_EQ(sscanf("x", "x%d", &a), EOF);
	CHECK_EQ(sscanf("y", "x%d", &a), 0);
	CHECK_EQ(sscanf("1", "%d%d", &a, &b), 1);
	CHECK_EQ(a, 1);
	CHECK_EQ(b, UNTOUCHED);
	CHECK_EQ(sscanf("1", "%d x", &a), 1);
	/* only stored items count: a skipped one does not save from EOF */
	CHECK_EQ(sscanf("1", "%*d"), 0);
	CHECK_EQ(sscanf("", "%*d"), EOF);
	CHECK_EQ(sscanf("1", "%*d%d", &b), EOF);
	CHECK_EQ(sscanf("", "%n%d", &n, &b), EOF);
	CHECK_EQ(n, 0);
	CHECK_EQ(call_vsscanf("12abc", "%d%q", &a), 1);	/* unknown conversion */
	CHECK_EQ(a, 12);
}

static void test_decimal(void)
{
	int a = UNTOUCHED, b = UNTOUCHED;
	char c = 0;

	CHECK_EQ(sscanf("  -42", "%d", &a), 1);
	CHECK_EQ(a, -42);
	CHECK_EQ(sscanf("+12", "%d", &a), 1);
	CHECK_EQ(a, 12);
	CHECK_EQ(sscanf("0x10", "%d", &a), 1);
	CHECK_EQ(a, 0);
	a = UNTOUCHED;
	CHECK_EQ(sscanf("-x", "%d%c", &a, &c), 0);
	CHECK_EQ(sscanf("+", "%d%c", &a, &c), 0);
	CHECK_EQ(sscanf("-", "%2d", &a), 0);
	CHECK_EQ(sscanf("-5", "%1d", &a), 0);	/* the width took the sign */
	CHECK_EQ(a, UNTOUCHED);
	CHECK_EQ(sscanf("12", "%1d%d", &a, &b), 2);
	CHECK_EQ(a, 1);
	CHECK_EQ(b, 2);
	CHECK_EQ(sscanf("1, 2", "%d,%d", &a, &b), 2);
	CHECK_EQ(b, 2);
	b = UNTOUCHED;
	CHECK_EQ(sscanf("1 ,2", "%d,%d", &a, &b), 1);
	CHECK_EQ(b, UNTOUCHED);
	CHECK_EQ(sscanf("3 , 4", "%d ,%d", &a, &b), 2);
	CHECK_EQ(a, 3);
	CHECK_EQ(b, 4);
	CHECK_EQ(sscanf("1 xx 2", "%d %*s %d", &a, &b), 2);
	CHECK_EQ(a, 1);
	CHECK_EQ(b, 2);
	CHECK_EQ(sscanf("99999999999", "%d", &a), 1);
	CHECK_EQ(a, INT_MAX);
	CHECK_EQ(sscanf("-99999999999", "%d", &a), 1);
	CHECK_EQ(a, INT_MIN);
	CHECK_EQ(sscanf("2147483648", "%d", &a), 1);
	CHECK_EQ(a, INT_MAX);
	CHECK_EQ(call_vsscanf("12", "%0d", &a), 1);	/* width 0 is no width */
	CHECK_EQ(a, 12);
}

static void test_bases(void)
{
	int a = UNTOUCHED;
	char c = 0;

	CHECK_EQ(sscanf("077", "%i", &a), 1);
	CHECK_EQ(a, 63);
	CHECK_EQ(sscanf("-0x10", "%i", &a), 1);
	CHECK_EQ(a, -16);
	CHECK_EQ(sscanf("08", "%i", &a), 1);
	CHECK_EQ(a, 0);
	CHECK_EQ(sscanf("123", "%i", &a), 1);
	CHECK_EQ(a, 123);
	CHECK_EQ(sscanf("-", "%i", &a), 0);
	CHECK_EQ(sscanf("0778", "%o", &a), 1);
	CHECK_EQ(a, 63);
	CHECK_EQ(sscanf("-017", "%o", &a), 1);
	CHECK_EQ(a, -15);
	CHECK_EQ(sscanf("0x10", "%o%c", &a, &c), 2);
	CHECK_EQ(a, 0);
	CHECK_EQ(c, 'x');
	CHECK_EQ(sscanf("aB", "%X", &a), 1);
	CHECK_EQ(a, 0xab);
	CHECK_EQ(sscanf("0X1A", "%x", &a), 1);
	CHECK_EQ(a, 26);
	CHECK_EQ(sscanf("-0x1A", "%x", &a), 1);
	CHECK_EQ(a, -26);
	a = UNTOUCHED;
	CHECK_EQ(sscanf("x1", "%x", &a), 0);
	CHECK_EQ(a, UNTOUCHED);
	/* "0x" with no digit after it reads as 0 and is used up */
	CHECK_EQ(sscanf("0x", "%x", &a), 1);
	CHECK_EQ(a, 0);
	a = UNTOUCHED;
	CHECK_EQ(sscanf("0xg", "%x%c", &a, &c), 2);
	CHECK_EQ(a, 0);
	CHECK_EQ(c, 'g');
	CHECK_EQ(sscanf("0xg", "%i%c", &a, &c), 2);
	CHECK_EQ(c, 'g');
	/* widths count the "0x" and the sign */
	CHECK_EQ(sscanf("0x1f", "%2x%c", &a, &c), 2);
	CHECK_EQ(a, 0);
	CHECK_EQ(c, '1');
	CHECK_EQ(sscanf("0x1f", "%3x%c", &a, &c), 2);
	CHECK_EQ(a, 1);
	CHECK_EQ(c, 'f');
	CHECK_EQ(sscanf("-0x10", "%2i%c", &a, &c), 2);
	CHECK_EQ(c, 'x');
	CHECK_EQ(sscanf("-0x10", "%3i%c", &a, &c), 2);
	CHECK_EQ(c, '1');
	CHECK_EQ(sscanf("0x10", "%1i%c", &a, &c), 2);
	CHECK_EQ(c, 'x');
}

static void test_sizes(void)
{
	unsigned int u = 7;
	unsigned short us = 0;
	short h[2] = { 0, 7 };		/* [1]: must not be overwritten */
	signed char hh[2] = { 0, 7 };
	unsigned char uhh = 0;
	long l = 0;
	size_t z = 0;
	long long ll = 0;
	unsigned long long ull = 0;
	void *p = NULL;

	CHECK_EQ(sscanf("-1", "%u", &u), 1);
	CHECK_EQ(u, UINT_MAX);
	CHECK_EQ(sscanf("99999999999", "%u", &u), 1);
	CHECK_EQ(u, UINT_MAX);
	CHECK_EQ(sscanf("70000", "%hd", &h[0]), 1);	/* truncated */
	CHECK_EQ(h[0], 4464);
	CHECK_EQ(h[1], 7);
	CHECK_EQ(sscanf("-1", "%hu", &us), 1);
	CHECK_EQ(us, 65535);
	CHECK_EQ(sscanf("300", "%hhd", &hh[0]), 1);
	CHECK_EQ(hh[0], 44);
	CHECK_EQ(hh[1], 7);
	CHECK_EQ(sscanf("ff", "%hhx", &uhh), 1);
	CHECK_EQ(uhh, 255);
	CHECK_EQ(sscanf("-123456", "%ld", &l), 1);
	CHECK_EQ(l, -123456);
	CHECK_EQ(sscanf("42", "%zu", &z), 1);
	CHECK_EQ(z, 42);
	CHECK_EQ(sscanf("-9223372036854775809", "%lld", &ll), 1);
	CHECK(ll == LLONG_MIN);
	CHECK_EQ(sscanf("123456789012", "%lli", &ll), 1);
	CHECK(ll == 123456789012LL);
	CHECK_EQ(sscanf("ffffffffffffffff", "%llx", &ull), 1);
	CHECK(ull == ULLONG_MAX);
	CHECK_EQ(sscanf("-1", "%llu", &ull), 1);
	CHECK(ull == ULLONG_MAX);
	CHECK_EQ(sscanf("-5", "%jd", &ll), 1);
	CHECK(ll == -5);
	CHECK_EQ(sscanf("ffffffffff", "%Lx", &ull), 1);
	CHECK(ull == 0xffffffffffULL);
	CHECK_EQ(sscanf("0x1234", "%p", &p), 1);
	CHECK(p == (void *)0x1234);
}

static void test_strings(void)
{
	char s[32], t[32], c[4];

	strcpy(s, "zz");
	CHECK_EQ(sscanf("", "%s", s), EOF);
	CHECK_EQ(sscanf("  \t\n", "%s", s), EOF);
	CHECK(strcmp(s, "zz") == 0);
	CHECK_EQ(sscanf("  abcdef", "%3s", s), 1);
	CHECK(strcmp(s, "abc") == 0);
	CHECK_EQ(sscanf("one two", "%s %s", s, t), 2);
	CHECK(strcmp(s, "one") == 0 && strcmp(t, "two") == 0);

	memset(c, 'z', sizeof(c));
	CHECK_EQ(sscanf(" x", "%c", c), 1);	/* %c skips no space */
	CHECK_EQ(c[0], ' ');
	CHECK_EQ(sscanf("", "%c", c), EOF);
	memset(c, 'z', sizeof(c));
	CHECK_EQ(sscanf("abcd", "%3c", c), 1);	/* no NUL added */
	CHECK(memcmp(c, "abcz", 4) == 0);
	memset(c, 'z', sizeof(c));
	CHECK_EQ(sscanf("ab", "%3c", c), 1);	/* what there was */
	CHECK(memcmp(c, "abzz", 4) == 0);
	CHECK_EQ(sscanf("ab", "%*c%c", c), 1);
	CHECK_EQ(c[0], 'b');
}

static void test_scansets(void)
{
	char s[32], t[32];
	int a = UNTOUCHED, n = UNTOUCHED;

	CHECK_EQ(sscanf("abcdef", "%[a-c]", s), 1);
	CHECK(strcmp(s, "abc") == 0);
	CHECK_EQ(sscanf("ab c,5", "%[^,],%d", s, &a), 2);
	CHECK(strcmp(s, "ab c") == 0);
	CHECK_EQ(a, 5);
	CHECK_EQ(sscanf("]a]b", "%[]a]", s), 1);
	CHECK(strcmp(s, "]a]") == 0);
	CHECK_EQ(sscanf("xy]b", "%[^]a]", s), 1);
	CHECK(strcmp(s, "xy") == 0);
	CHECK_EQ(sscanf("a-b", "%[a-]", s), 1);
	CHECK(strcmp(s, "a-") == 0);
	CHECK_EQ(sscanf(" a b", "%[ a]", s), 1);
	CHECK(strcmp(s, " a ") == 0);
	strcpy(s, "zz");
	CHECK_EQ(sscanf("abc", "%[x]", s), 0);
	CHECK_EQ(sscanf("", "%[x]", s), EOF);
	CHECK(strcmp(s, "zz") == 0);
	CHECK_EQ(sscanf("abcdef", "%2[a-z]%s", s, t), 2);
	CHECK(strcmp(s, "ab") == 0 && strcmp(t, "cdef") == 0);
	CHECK_EQ(sscanf("abc\ndef", "%*[^\n]%n", &n), 0);
	CHECK_EQ(n, 3);
}

static void test_count_and_percent(void)
{
	int a = UNTOUCHED, b = UNTOUCHED, n = UNTOUCHED;
	signed char hh[2] = { 5, 5 };
	short h[2] = { 5, 5 };

	CHECK_EQ(sscanf("", "%n", &n), 0);
	CHECK_EQ(n, 0);
	CHECK_EQ(sscanf("12", "%d%n", &a, &n), 1);
	CHECK_EQ(n, 2);
	CHECK_EQ(sscanf("5 ", "%d%n%d", &a, &n, &b), 1);
	CHECK_EQ(n, 1);
	CHECK_EQ(sscanf("  7 x", " %d %n", &a, &n), 1);
	CHECK_EQ(n, 4);
	CHECK_EQ(sscanf("ab", "%*s%hhn", &hh[0]), 0);
	CHECK_EQ(hh[0], 2);
	CHECK_EQ(hh[1], 5);
	CHECK_EQ(sscanf("abc", "%*s%hn", &h[0]), 0);
	CHECK_EQ(h[0], 3);
	CHECK_EQ(h[1], 5);
	CHECK_EQ(sscanf(" %5", "%%%d", &a), 1);	/* %% skips space first */
	CHECK_EQ(a, 5);
	CHECK_EQ(sscanf("x %6", "x%%%d", &a), 1);
	CHECK_EQ(a, 6);
	CHECK_EQ(sscanf("5%", "%d%%", &a), 1);
	CHECK_EQ(sscanf("", "%%"), EOF);
	CHECK_EQ(sscanf("x", "%%"), 0);
}

static void test_vsscanf(void)
{
	int a = 0, b = 0;
	char name[16];

	CHECK_EQ(call_vsscanf("pid 12 ppid 1", "%s %d ppid %d", name, &a, &b), 3);
	CHECK(strcmp(name, "pid") == 0);
	CHECK_EQ(a, 12);
	CHECK_EQ(b, 1);
}

int main(void)
{
	test_return_values();
	test_decimal();
	test_bases();
	test_sizes();
	test_strings();
	test_scansets();
	test_count_and_percent();
	test_vsscanf();
	return 0;
}
