/*
 * fleet-probe: attacks a jail from inside, one system call at a time, and prints what the kernel
 * answered as "name: ok" or "name: ERRNO". Built statically by the tests (gcc -static) and copied
 * into the test rootfs, since busybox cannot make most of these calls.
 *
 *   fleet-probe syscalls          every call the default profile must refuse
 *   fleet-probe kill PID          kill(PID, 0)
 *   fleet-probe ptrace PID        ptrace(PTRACE_ATTACH, PID)
 *   fleet-probe escape PATH       the classic chroot escape, then whether PATH can be seen
 *   fleet-probe sockets           raw, packet and ICMP datagram sockets
 *   fleet-probe x32               an x32 system call (getpid with __X32_SYSCALL_BIT)
 *
 * Every call is made with arguments that would do no harm even if it succeeded.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timex.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>

static void report(const char *name, long result)
{
    if (result < 0)
        printf("%s: %s\n", name, strerrorname_np(errno));
    else
        printf("%s: ok\n", name);
    fflush(stdout);
}

/* A clone that succeeded must not run on as a second probe. */
static long clone_flags(unsigned long flags)
{
    long pid = syscall(SYS_clone, flags | SIGCHLD, 0, 0, 0, 0);
    if (pid == 0)
        _exit(0);
    if (pid > 0)
        waitpid((pid_t)pid, NULL, 0);
    return pid;
}

static int syscalls(void)
{
    struct timeval now;
    struct timespec clock;
    struct timex timex = {0};
    char buffer[64];
    gettimeofday(&now, NULL);
    clock_gettime(CLOCK_REALTIME, &clock);

    report("mount", mount("none", "/mnt", "tmpfs", 0, NULL));
    report("umount2", umount2("/proc", MNT_DETACH));
    report("pivot_root", syscall(SYS_pivot_root, ".", "."));
    report("init_module", syscall(SYS_init_module, NULL, 0, ""));
    report("finit_module", syscall(SYS_finit_module, -1, "", 0));
    report("delete_module", syscall(SYS_delete_module, "fleet_probe", 0));
    report("keyctl", syscall(SYS_keyctl, 1 /* KEYCTL_JOIN_SESSION_KEYRING */, NULL));
    report("add_key", syscall(SYS_add_key, "user", "fleet-probe", "x", 1, -2 /* KEY_SPEC_PROCESS_KEYRING */));
    report("request_key", syscall(SYS_request_key, "user", "fleet-probe", NULL, 0));
    /* LINUX_REBOOT_CMD_CAD_OFF: in a PID namespace the kernel answers EINVAL at worst. */
    report("reboot", syscall(SYS_reboot, 0xfee1dead, 672274793, 0, NULL));
    report("settimeofday", settimeofday(&now, NULL));
    report("clock_settime", clock_settime(CLOCK_REALTIME, &clock));
    report("adjtimex", adjtimex(&timex));
    report("unshare(CLONE_NEWUSER)", unshare(CLONE_NEWUSER));
    report("unshare(CLONE_NEWNS)", unshare(CLONE_NEWNS));
    report("clone(CLONE_NEWUSER)", clone_flags(CLONE_NEWUSER));
    report("clone(CLONE_NEWNET)", clone_flags(CLONE_NEWNET));
    report("clone(plain)", clone_flags(0));
    struct clone_args args = {.flags = CLONE_NEWUSER, .exit_signal = SIGCHLD};
    long pid = syscall(SYS_clone3, &args, sizeof args);
    if (pid == 0)
        _exit(0);
    report("clone3", pid);
    int ns = open("/proc/self/ns/net", O_RDONLY);
    report("setns", syscall(SYS_setns, ns, 0));
    report("bpf", syscall(SYS_bpf, 0 /* BPF_MAP_CREATE */, buffer, 0));
    report("perf_event_open", syscall(SYS_perf_event_open, buffer, 0, -1, -1, 0));
    report("userfaultfd", syscall(SYS_userfaultfd, 0));
    report("io_uring_setup", syscall(SYS_io_uring_setup, 1, buffer));
    report("open_by_handle_at", syscall(SYS_open_by_handle_at, AT_FDCWD, buffer, O_RDONLY));
    report("kexec_load", syscall(SYS_kexec_load, 0, 0, NULL, 0));
    report("swapon", syscall(SYS_swapon, "/fleet-probe-swap", 0));
    report("acct", syscall(SYS_acct, NULL));
    report("iopl", syscall(SYS_iopl, 3));
    report("ioperm", syscall(SYS_ioperm, 0x80, 1, 1));
    report("syslog", syscall(SYS_syslog, 3 /* SYSLOG_ACTION_READ_ALL */, buffer, sizeof buffer));
    report("kcmp", syscall(SYS_kcmp, getpid(), getpid(), 0 /* KCMP_FILE */, 0, 0));
    report("personality(ADDR_NO_RANDOMIZE)", personality(ADDR_NO_RANDOMIZE));
    report("personality(PER_LINUX)", personality(PER_LINUX));
    report("chroot", chroot("/"));
    return 0;
}

static int probe_kill(pid_t pid)
{
    report("kill", kill(pid, 0));
    return 0;
}

static int probe_ptrace(pid_t pid)
{
    report("ptrace", ptrace(PTRACE_ATTACH, pid, NULL, NULL));
    return 0;
}

/* chroot into a subdirectory, walk ".." far past it, chroot(".") there: out of a plain chroot. */
static int escape(const char *marker)
{
    mkdir("fleet-escape", 0755);
    report("chroot(fleet-escape)", chroot("fleet-escape"));
    for (int i = 0; i < 256; i++)
        chdir("..");
    report("chroot(.)", chroot("."));
    report("marker", access(marker, F_OK));
    report("/bin/busybox", access("/bin/busybox", F_OK));
    char cwd[4096];
    printf("cwd: %s\n", getcwd(cwd, sizeof cwd) ? cwd : strerrorname_np(errno));
    return 0;
}

static int sockets(void)
{
    report("socket(AF_INET, SOCK_RAW)", socket(AF_INET, SOCK_RAW, IPPROTO_ICMP));
    report("socket(AF_PACKET, SOCK_RAW)", socket(AF_PACKET, SOCK_RAW, htons(0x0003 /* ETH_P_ALL */)));
    report("socket(AF_PACKET, SOCK_DGRAM)", socket(AF_PACKET, SOCK_DGRAM, htons(0x0003)));
    report("socket(AF_INET, SOCK_DGRAM, ICMP)", socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP));
    return 0;
}

static int x32(void)
{
    report("x32 getpid", syscall(0x40000000 | SYS_getpid));
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "syscalls") == 0)
        return syscalls();
    if (argc >= 3 && strcmp(argv[1], "kill") == 0)
        return probe_kill(atoi(argv[2]));
    if (argc >= 3 && strcmp(argv[1], "ptrace") == 0)
        return probe_ptrace(atoi(argv[2]));
    if (argc >= 3 && strcmp(argv[1], "escape") == 0)
        return escape(argv[2]);
    if (argc >= 2 && strcmp(argv[1], "sockets") == 0)
        return sockets();
    if (argc >= 2 && strcmp(argv[1], "x32") == 0)
        return x32();
    fprintf(stderr, "usage: fleet-probe syscalls|kill PID|ptrace PID|escape PATH|sockets|x32\n");
    return 2;
}
