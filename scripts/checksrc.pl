#!/usr/bin/perl
# checksrc.pl - the project's own source checks, for what the compiler does
# not catch (in the spirit of curl's checksrc). Run by `make lint`.
#
# Rules (each finding is printed as file:line: rule: message):
#   banned       every .c under src/, tests/ and bench/ includes "base/banned.h"
#   prefix       a function declared in X.h (or X_int.h) is named X or X_...
#   assign-cond  no assignment inside an if/while condition
#   unchecked    no call of a MUST_CHECK function whose result is dropped or
#                cast to (void)
#   err-deref    a function never reads its (optional) err_t * out-parameter
#                (->status, ->code, ->vi, ->en); const err_t * inputs are fine
#   grow         no mem_realloc outside src/base: grow arrays with MEM_GROW
#   buf-max      buffers state their maximum: no BUF_INIT, no buf_init(.., 0)
#   size         source files under 800 lines
#   layer        includes point down: base <- domain <- store <- app <- io, http, cli
#
# Usage: scripts/checksrc.pl [FILE...]   (default: every tracked .c/.h under
# src/, tests/ and bench/). Exit status 1 when anything is found.
use strict;
use warnings;

my $MAX_LINES = 800;
my %RANK = (base => 0, domain => 1, store => 2, app => 3, io => 4, http => 4, cli => 4);
my @files = @ARGV;
if (!@files) {
    @files = grep { m{^(src|tests|bench)/.*\.[ch]$} } split /\n/, `git ls-files`;
}

my $found = 0;
sub report {
    my ($f, $line, $rule, $msg) = @_;
    print "$f:$line: $rule: $msg\n";
    $found++;
}

# Replaces comments and string/char literals with spaces, keeping newlines,
# so that line numbers stay right and their contents are never matched.
sub strip_code {
    my ($s) = @_;
    $s =~ s{(/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')}{
        my $m = $1; (my $k = $m) =~ s/[^\n]/ /g;
        substr($m, 0, 1) eq '"' ? '"' . substr($k, 1, -1) . '"' : $k
    }gse;
    return $s;
}

sub line_of {
    my ($s, $pos) = @_;
    return 1 + (substr($s, 0, $pos) =~ tr/\n//);
}

# Names of the functions marked MUST_CHECK in the headers of src/.
my %must;
for my $h (grep { m{^src/.*\.h$} } split /\n/, `git ls-files`) {
    open my $fh, '<', $h or next;
    local $/;
    my $t = strip_code(<$fh>);
    close $fh;
    while ($t =~ /^MUST_CHECK\s+[\w\s\*]*?\b(\w+)\s*\(/mg) {
        $must{$1} = 1;
    }
}

for my $f (@files) {
    open my $fh, '<', $f or do { warn "$f: $!\n"; next };
    local $/;
    my $raw = <$fh>;
    close $fh;
    my $code = strip_code($raw);
    my $nlines = ($raw =~ tr/\n//);
    my ($base) = $f =~ m{([^/]+)\.[ch]$};
    my $in_src = $f =~ m{^src/};

    report($f, $nlines, 'size', "$nlines lines (limit $MAX_LINES): split it by concept")
        if $in_src && $nlines > $MAX_LINES;

    if ($f =~ /\.c$/ && $raw !~ /#include\s+"(base\/)?banned\.h"/) {
        report($f, 1, 'banned', 'does not include "base/banned.h"');
    }

    if ($in_src) {
        my ($layer) = $f =~ m{^src/(\w+)/};
        while ($raw =~ /^#include\s+"(\w+)\/[\w.]+"/mg) {
            my $to = $1;
            next unless defined $RANK{$layer} && defined $RANK{$to};
            report($f, line_of($raw, $-[0]), 'layer', "$layer includes $to: layers call downward only")
                if $RANK{$to} > $RANK{$layer};
        }
    }

    if ($in_src && $f =~ /\.h$/) {
        (my $prefix = $base) =~ s/_int$//;
        # Top-level prototypes: a line starting with a type, the name, '('.
        while ($code =~ /^(?!typedef|#|\s|static|extern\s+"C")(?:MUST_CHECK\s+)?[A-Za-z_][\w\s\*]*?\b(\w+)\s*\([^;{]*?\)\s*(?:__attribute__\s*\(\(.*?\)\)\s*)?;/mgs) {
            my ($name, $pos) = ($1, $-[1]);
            next if $name eq $prefix || index($name, "${prefix}_") == 0;
            report($f, line_of($code, $pos), 'prefix', "$name: public names in $base.h start with ${prefix}_");
        }
    }

    if ($in_src) {
        while ($code =~ /\b(if|while)\s*\(/g) {
            my ($kw, $start) = ($1, pos($code));
            my ($depth, $i, $n) = (1, $start, length $code);
            while ($i < $n && $depth) {
                my $c = substr($code, $i, 1);
                $depth++ if $c eq '(';
                $depth-- if $c eq ')';
                $i++;
            }
            my $cond = substr($code, $start, $i - $start - 1);
            if ($cond =~ /(?<![=!<>+\-*\/%&|^])=(?!=)/) {
                report($f, line_of($code, $start), 'assign-cond', "assignment inside the $kw condition");
            }
        }
    }

    while ($code =~ /(^|[;{}]|\(void\))\s*(\w+)\s*\(/mg) {
        my ($lead, $name, $pos) = ($1, $2, $-[2]);
        next unless $must{$name};
        # A call at statement start whose value is dropped: the text before it
        # ends a statement (or is a (void) cast); the call is the statement.
        my $rest = substr($code, $pos);
        my ($depth, $i) = (0, 0);
        for ($i = index($rest, '('); $i < length $rest; $i++) {
            my $c = substr($rest, $i, 1);
            $depth++ if $c eq '(';
            $depth-- if $c eq ')';
            last if !$depth;
        }
        next unless substr($rest, $i + 1) =~ /^\s*;/;
        my $before = substr($code, 0, $pos);
        next if $lead ne '(void)' && $before =~ /(\breturn|=|,|\(|\?|:|&&|\|\|)\s*$/;
        report($f, line_of($code, $pos), 'unchecked', "result of $name dropped");
    }

    # An err_t * parameter (not const) is the optional error out-parameter:
    # a function fills it (err_set...) but never reads it back.
    if ($in_src && $f ne 'src/base/err.c') {
        while ($code =~ /^\w[^;{}]*?\(([^;{}]*)\)\s*\{(.*?)^\}/msg) {
            my ($params, $body, $bpos) = ($1, $2, $-[2]);
            my %opt;
            $opt{$1} = 1 while $params =~ /(?<!const )\berr_t\s*\*\s*(\w+)/g;
            next unless %opt;
            my %seen;
            while ($body =~ /\b(\w+)->(status|code|vi|en)\b/g) {
                next unless $opt{$1};
                my $line = line_of($code, $bpos + $-[0]);
                next if $seen{$line}++;
                report($f, $line, 'err-deref', "$1->$2: the err_t is optional; use the returned status");
            }
        }
    }

    if ($f !~ m{^src/base/}) {
        while ($code =~ /\bmem_realloc\s*\(/g) {
            report($f, line_of($code, $-[0]), 'grow', 'mem_realloc: grow arrays with MEM_GROW (base/mem.h)');
        }
    }

    while ($code =~ /\bBUF_INIT\b(?!\s*\(\s*[^0\s)])|\bbuf_init\s*\([^,]*,\s*0\s*\)/g) {
        report($f, line_of($code, $-[0]), 'buf-max', 'state the buffer maximum: buf_init(&b, MAX)');
    }
}

if ($found) {
    print "checksrc: $found finding(s)\n";
    exit 1;
}
exit 0;
