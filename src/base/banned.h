/* banned.h - functions that must not be used in cchc (unsafe or not
 * thread-safe). Included last by every .c file, tests and benchmarks too
 * (scripts/checksrc.pl checks it). */
#ifndef CCHC_BANNED_H
#define CCHC_BANNED_H

#define BANNED(f) sorry_##f##_is_banned

#undef strcpy
#define strcpy(a, b) BANNED(strcpy)
#undef strcat
#define strcat(a, b) BANNED(strcat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef strtok
#define strtok(a, b) BANNED(strtok)
#undef atoi
#define atoi(a) BANNED(atoi)
#undef gmtime
#define gmtime(a) BANNED(gmtime)
#undef localtime
#define localtime(a) BANNED(localtime)

#endif
