// Linked into fleet-jail-init. fleet_spawn_workload() is the managed init's last step, after the
// whole jail setup (namespaces, pivot_root, seccomp, no_new_privs, capabilities), so the reaper it
// leaves as PID 1 is exactly as confined as the workload. It forks; the child waits until PID 1 is
// no longer dumpable, then execve's the workload; the parent executes the stand-alone reaper
// (reaper-main.c, embedded below) from a sealed memfd. Only async-signal-safe calls run in the
// forked child: the managed init has other threads.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "reaper.h"

// The static reaper, built by the project file before this file into a directory it passes to
// the assembler (-Wa,-I).
__asm__(".section .rodata\n.balign 16\nfleet_reaper_image:\n.incbin \"fleet-reaper\"\n"
        "fleet_reaper_image_end:\n.previous\n");
extern const char fleet_reaper_image[], fleet_reaper_image_end[];

static void reaper_sigset(sigset_t *set)
{
    sigemptyset(set);
    for (int s = 1; s < 32; s++)
        if ((FLEET_SIGBIT(s) & fleet_reaper_signals) != 0) sigaddset(set, s);
}

// The mask the init was started with: the workload gets it back.
static sigset_t workload_mask;

// Before the .NET runtime starts, while this is the only thread: every thread it creates inherits
// the mask, so no runtime handler can swallow a SIGTERM sent while the jail is being set up. Sent
// then, it stays pending through the reaper's execve, and the reaper forwards it to the workload.
__attribute__((constructor)) static void block_reaper_signals(void)
{
    sigset_t set;
    reaper_sigset(&set);
    sigprocmask(SIG_BLOCK, &set, &workload_mask);
}

static void clear_cloexec(int fd)
{
    int flags = fcntl(fd, F_GETFD);
    if (flags >= 0) fcntl(fd, F_SETFD, flags & ~FD_CLOEXEC);
}

// The reaper image in a memfd sealed against every change: what /proc/1/exe points at cannot be
// written by anyone (runc's answer to CVE-2019-5736), and no host file is reachable from PID 1.
static int reaper_memfd(void)
{
    int fd = memfd_create("fleet-reaper", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0) return -1;
    const char *next = fleet_reaper_image;
    while (next < fleet_reaper_image_end)
    {
        ssize_t written = write(fd, next, (size_t)(fleet_reaper_image_end - next));
        if (written <= 0) { close(fd); return -1; }
        next += written;
    }

    if (fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE) == -1) { close(fd); return -1; }
    return fd;
}

static void report_exec_failure(int status_fd, const char *path, int error)
{
    char line[4200];
    size_t n = 0;
    size_t path_length = strnlen(path, 4000);
    n += fleet_put_text(line + n, "exec \"");
    memcpy(line + n, path, path_length);
    n += path_length;
    n += fleet_put_text(line + n, "\": ");
    const char *text = strerrordesc_np(error);
    n += fleet_put_text(line + n, text != NULL ? text : "Unknown error");
    line[n++] = '\n';
    ssize_t ignored = write(status_fd, line, n);
    (void)ignored;
}

// Returns only when the fork failed (-errno); otherwise the calling process becomes the reaper.
// The child reports its own execve failure as "exec \"PATH\": TEXT" on status_fd and exits
// 126/127, as the shells do; the reaper passes that exit on.
int fleet_spawn_workload(const char *path, char *const argv[], char *const envp[], int exit_fd, int status_fd)
{
    sigset_t set, previous;
    reaper_sigset(&set);
    // Blocked since the constructor; again in case anything in the runtime unblocked them here.
    sigprocmask(SIG_BLOCK, &set, &previous);
    int go[2];
    if (pipe2(go, O_CLOEXEC) == -1)
    {
        int error = errno;
        sigprocmask(SIG_SETMASK, &previous, NULL);
        return -error;
    }

    pid_t child = fork();
    if (child == -1)
    {
        int error = errno;
        close(go[0]);
        close(go[1]);
        sigprocmask(SIG_SETMASK, &previous, NULL);
        return -error;
    }

    if (child == 0)
    {
        close(go[1]);
        char byte;
        // EOF once PID 1 is undumpable (or gone).
        while (read(go[0], &byte, 1) == -1 && errno == EINTR) { }
        // The runtime's handlers go with execve, but an ignored signal (SIGPIPE) would stay ignored.
        struct sigaction dfl;
        memset(&dfl, 0, sizeof dfl);
        dfl.sa_handler = SIG_DFL;
        for (int s = 1; s < NSIG; s++)
            if (s != SIGKILL && s != SIGSTOP) sigaction(s, &dfl, NULL);
        sigprocmask(SIG_SETMASK, &workload_mask, NULL);
        execve(path, argv, envp);
        int error = errno;
        report_exec_failure(status_fd, path, error);
        _exit(error == ENOENT || error == ENOTDIR ? 127 : 126);
    }

    close(go[0]);
    clear_cloexec(exit_fd);
    clear_cloexec(go[1]);
    char pid_text[24], exit_text[24], go_text[24];
    pid_text[fleet_put_number(pid_text, (unsigned long long)child)] = '\0';
    exit_text[fleet_put_number(exit_text, (unsigned long long)exit_fd)] = '\0';
    go_text[fleet_put_number(go_text, (unsigned long long)go[1])] = '\0';
    char *reap_argv[] = { "fleet-reaper", FLEET_REAP_FLAG, pid_text, exit_text, go_text, NULL };
    char *no_env[] = { NULL };
    int image = reaper_memfd();
    if (image >= 0)
        syscall(SYS_execveat, image, "", reap_argv, no_env, AT_EMPTY_PATH);
    // A filter that refuses memfd_create or execveat: reap here, the runtime's memory still mapped.
    fleet_reap(child, exit_fd, go[1]);
}
