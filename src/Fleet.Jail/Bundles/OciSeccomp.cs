namespace Fleet.Jail.Bundles;

/// <summary>
/// The spec's <c>linux.seccomp</c>, read as runc reads it: the first listed architecture must be
/// the native one, rules for one syscall are alternatives, and when a rule compares one argument
/// more than once each comparison is a rule of its own (libseccomp allows one comparison per argument).
/// </summary>
internal sealed record OciSeccomp
{
    /// <summary>SCMP_ACT_ALLOW, SCMP_ACT_ERRNO, SCMP_ACT_KILL, SCMP_ACT_KILL_PROCESS, SCMP_ACT_KILL_THREAD, SCMP_ACT_TRAP, SCMP_ACT_TRACE or SCMP_ACT_LOG.</summary>
    public required string DefaultAction { get; init; }

    /// <summary>The errno of a SCMP_ACT_ERRNO default action; EPERM when absent.</summary>
    public uint? DefaultErrnoRet { get; init; }

    public IReadOnlyList<string> Architectures { get; init; } = [];

    public IReadOnlyList<OciSyscall> Syscalls { get; init; } = [];
}

/// <summary>One rule: when a syscall in <see cref="Names"/> is made and every argument comparison holds, <see cref="Action"/>.</summary>
internal sealed record OciSyscall
{
    /// <summary>Syscall names; those the architecture does not have are skipped, as runc does.</summary>
    public required IReadOnlyList<string> Names { get; init; }

    public required string Action { get; init; }

    /// <summary>The errno of SCMP_ACT_ERRNO (EPERM when absent), or the message of SCMP_ACT_TRACE.</summary>
    public uint? ErrnoRet { get; init; }

    public IReadOnlyList<OciSeccompArg> Args { get; init; } = [];
}

/// <summary>
/// Argument <see cref="Index"/> compared with <see cref="Value"/> by <see cref="Op"/>: SCMP_CMP_EQ,
/// NE, LT, LE, GT, GE, or MASKED_EQ, which is (argument &amp; Value) == ValueTwo. Arguments are 64-bit.
/// </summary>
internal sealed record OciSeccompArg
{
    public uint Index { get; init; }

    public ulong Value { get; init; }

    public ulong ValueTwo { get; init; }

    public required string Op { get; init; }
}
