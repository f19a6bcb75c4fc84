// This file is part of authprofile. Copyright 2026 the authprofile authors.
// SPDX-License-Identifier: Apache-2.0

// ProcessTimer RUNS COMMAND [ARGUMENT...]: runs COMMAND RUNS times (after 2 warm-up runs), each with stdout and
// stderr sent to /dev/null, and prints one line: the median, minimum and 90th percentile of the process wall time
// (fork to reaped exit, in milliseconds), the largest peak RSS of a run (MB) and how many runs failed.
//
// A small C parent on purpose: Linux reports a child's peak RSS as at least the parent's RSS at fork/exec time
// (the kernel keeps the larger high-water mark across exec), so a large Swift or Python parent would inflate it.
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: ProcessTimer RUNS COMMAND [ARGUMENT...]\n");
        return 2;
    }
    char *end = NULL;
    long runs = strtol(argv[1], &end, 10);
    if (*end != '\0' || runs < 1 || runs > 100000) {
        fprintf(stderr, "ProcessTimer: RUNS must be a number from 1 to 100000\n");
        return 2;
    }
    const int warmups = 2;
    double *times = calloc((size_t)runs, sizeof(double));
    if (times == NULL) return 1;
    long peak = 0, failures = 0;
    for (long i = 0; i < runs + warmups; i++) {
        struct timespec start, stop;
        clock_gettime(CLOCK_MONOTONIC, &start);
        pid_t child = fork();
        if (child < 0) { perror("ProcessTimer: fork"); return 1; }
        if (child == 0) {
            int null = open("/dev/null", O_WRONLY);
            if (null >= 0) { dup2(null, 1); dup2(null, 2); }
            execvp(argv[2], argv + 2);
            _exit(127);
        }
        int status = 0;
        struct rusage usage;
        if (wait4(child, &status, 0, &usage) < 0) { perror("ProcessTimer: wait4"); return 1; }
        clock_gettime(CLOCK_MONOTONIC, &stop);
        if (i < warmups) continue;
        times[i - warmups] = (double)(stop.tv_sec - start.tv_sec) * 1e3 + (double)(stop.tv_nsec - start.tv_nsec) / 1e6;
        if (usage.ru_maxrss > peak) peak = usage.ru_maxrss;
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) failures++;
    }
    qsort(times, (size_t)runs, sizeof(double), compare);
    long p90 = (runs * 9 + 9) / 10 - 1;
    printf("median %.3f min %.3f p90 %.3f peak_rss_mb %.1f failures %ld runs %ld\n", times[runs / 2], times[0],
        times[p90], (double)peak / 1024.0, failures, runs);
    free(times);
    return 0;
}
