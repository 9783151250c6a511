// fleet-reaper --reap WORKLOAD_PID EXIT_FD GO_FD: the jail's PID 1 after fleet-jail-init forked the
// workload. Built static without libc (a few KiB) and embedded in fleet-jail-init, which executes
// it from a sealed memfd: the jail's root has no dynamic loader for the init itself, and the .NET
// runtime's memory must not stay mapped for the workload's whole life.
#include "reaper.h"

// Parses a non-negative decimal; -1 when malformed.
static long fleet_parse(const char *text)
{
    long value = 0;
    if (*text == '\0') return -1;
    for (; *text != '\0'; text++)
    {
        if (*text < '0' || *text > '9' || value > 100000000L) return -1;
        value = value * 10 + (*text - '0');
    }
    return value;
}

__asm__(".globl _start\n_start:\n\txor %rbp, %rbp\n\tmov %rsp, %rdi\n\tand $-16, %rsp\n\tcall fleet_reaper_main\n\thlt\n");

__attribute__((noreturn, used)) void fleet_reaper_main(long *stack)
{
    long argc = stack[0];
    char **argv = (char **)(stack + 1);
    const char *flag = FLEET_REAP_FLAG;
    int is_reap = argc == 5;
    for (int i = 0; is_reap && (flag[i] != '\0' || argv[1][i] != '\0'); i++)
        is_reap = flag[i] == argv[1][i];
    long workload = is_reap ? fleet_parse(argv[2]) : -1;
    long exit_fd = is_reap ? fleet_parse(argv[3]) : -1;
    long go_fd = is_reap ? fleet_parse(argv[4]) : -1;
    if (workload <= 0 || exit_fd < 0 || go_fd < 0)
    {
        static const char usage[] = "usage: fleet-reaper --reap WORKLOAD_PID EXIT_FD GO_FD\n";
        fleet_syscall(NR_write, 2, (long)usage, sizeof usage - 1, 0);
        fleet_syscall(NR_exit_group, 125, 0, 0, 0);
    }

    fleet_reap((int)workload, (int)exit_fd, (int)go_fd);
}
