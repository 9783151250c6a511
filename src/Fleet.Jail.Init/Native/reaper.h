// The jail's PID 1 once the workload runs, shared by the stand-alone reaper (reaper-main.c, a
// static binary without libc) and the fallback inside fleet-jail-init (spawn.c). Raw system
// calls only, so the same code needs no C library, no loader and no .NET runtime.
#ifndef FLEET_REAPER_H
#define FLEET_REAPER_H

#define FLEET_REAP_FLAG "--reap"

enum
{
    NR_write = 1, NR_close = 3, NR_rt_sigprocmask = 14, NR_wait4 = 61, NR_kill = 62, NR_fsync = 74,
    NR_rt_sigtimedwait = 128, NR_prctl = 157, NR_clock_gettime = 228, NR_exit_group = 231,
};

enum { R_SIGHUP = 1, R_SIGINT = 2, R_SIGQUIT = 3, R_SIGKILL = 9, R_SIGUSR1 = 10, R_SIGUSR2 = 12, R_SIGTERM = 15, R_SIGCHLD = 17 };
enum { R_SIG_BLOCK = 0, R_WNOHANG = 1, R_PR_SET_NAME = 15, R_PR_SET_DUMPABLE = 4, R_ECHILD = 10, R_CLOCK_REALTIME = 0 };

static inline long fleet_syscall(long n, long a, long b, long c, long d)
{
    long ret;
    register long r10 __asm__("r10") = d;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10) : "rcx", "r11", "memory");
    return ret;
}

// The kernel's sigset_t: one bit per signal, 8 bytes on x86-64.
typedef unsigned long fleet_sigset;
#define FLEET_SIGBIT(s) (1UL << ((s) - 1))

// Forwarded to the workload; SIGCHLD wakes the reaper. Everything else keeps PID 1's default
// (ignored: the kernel does not deliver unhandled signals to a namespace's init).
static const fleet_sigset fleet_forwarded = FLEET_SIGBIT(R_SIGTERM) | FLEET_SIGBIT(R_SIGINT) | FLEET_SIGBIT(R_SIGHUP)
    | FLEET_SIGBIT(R_SIGQUIT) | FLEET_SIGBIT(R_SIGUSR1) | FLEET_SIGBIT(R_SIGUSR2);
static const fleet_sigset fleet_reaper_signals = FLEET_SIGBIT(R_SIGTERM) | FLEET_SIGBIT(R_SIGINT) | FLEET_SIGBIT(R_SIGHUP)
    | FLEET_SIGBIT(R_SIGQUIT) | FLEET_SIGBIT(R_SIGUSR1) | FLEET_SIGBIT(R_SIGUSR2) | FLEET_SIGBIT(R_SIGCHLD);

static unsigned long fleet_put_text(char *out, const char *text)
{
    unsigned long n = 0;
    while (text[n] != '\0') { out[n] = text[n]; n++; }
    return n;
}

static unsigned long fleet_put_number(char *out, unsigned long long value)
{
    char digits[24];
    unsigned long n = 0, written = 0;
    do { digits[n++] = (char)('0' + value % 10); value /= 10; } while (value != 0);
    while (n > 0) out[written++] = digits[--n];
    return written;
}

struct fleet_timespec { long tv_sec; long tv_nsec; };

// "exited CODE UNIX_MS" or "signaled SIGNAL UNIX_MS", written once and fsync'd: the agent reads it
// back, also after a restart (JailBundle.ReadExit).
static void fleet_record(int exit_fd, int status)
{
    if (exit_fd < 0) return;
    char line[96];
    unsigned long n = 0;
    int signal = status & 0x7f;
    if (signal != 0) { n += fleet_put_text(line + n, "signaled "); n += fleet_put_number(line + n, (unsigned)signal); }
    else { n += fleet_put_text(line + n, "exited "); n += fleet_put_number(line + n, (unsigned)((status >> 8) & 0xff)); }
    struct fleet_timespec now = { 0, 0 };
    fleet_syscall(NR_clock_gettime, R_CLOCK_REALTIME, (long)&now, 0, 0);
    line[n++] = ' ';
    n += fleet_put_number(line + n, (unsigned long long)now.tv_sec * 1000 + (unsigned long long)now.tv_nsec / 1000000);
    line[n++] = '\n';
    fleet_syscall(NR_write, exit_fd, (long)line, (long)n, 0);
    fleet_syscall(NR_fsync, exit_fd, 0, 0, 0);
    fleet_syscall(NR_close, exit_fd, 0, 0, 0);
}

// Never returns. The signals are blocked on entry (fleet_spawn_workload blocked them before the
// fork, and execve keeps the mask), so none sent in between is lost: blocked, they stay pending.
__attribute__((noreturn)) static void fleet_reap(int workload, int exit_fd, int go_fd)
{
    // Before the workload runs any code: a jailed root must not open /proc/1/exe, /proc/1/root or
    // /proc/1/fd/* (the CVE-2019-5736 class); execve made the process dumpable again.
    fleet_syscall(NR_prctl, R_PR_SET_DUMPABLE, 0, 0, 0);
    fleet_syscall(NR_prctl, R_PR_SET_NAME, (long)"fleet-reaper", 0, 0);
    fleet_sigset set = fleet_reaper_signals;
    fleet_syscall(NR_rt_sigprocmask, R_SIG_BLOCK, (long)&set, 0, sizeof set);
    // The workload waits for this before its execve (EOF on its end of the pipe).
    if (go_fd >= 0) fleet_syscall(NR_close, go_fd, 0, 0, 0);
    for (;;)
    {
        int status = 0;
        long pid;
        while ((pid = fleet_syscall(NR_wait4, -1, (long)&status, R_WNOHANG, 0)) > 0)
        {
            if (pid == workload)
            {
                fleet_record(exit_fd, status);
                // PID 1's own exit reflects the workload's; leaving takes the rest of the namespace with it.
                int signal = status & 0x7f;
                fleet_syscall(NR_exit_group, signal != 0 ? 128 + signal : (status >> 8) & 0xff, 0, 0, 0);
            }
        }

        if (pid == -R_ECHILD) fleet_syscall(NR_exit_group, 125, 0, 0, 0);
        long signal = fleet_syscall(NR_rt_sigtimedwait, (long)&set, 0, 0, sizeof set);
        if (signal > 0 && (FLEET_SIGBIT(signal) & fleet_forwarded) != 0)
            fleet_syscall(NR_kill, workload, signal, 0, 0);
    }
}

#endif
