namespace Fleet.Jail.Init;

/// <summary>How the init exits when it fails before the workload's execve (the shells' conventions); the reason is in the bundle's status file.</summary>
internal static class InitExitCode
{
    /// <summary>A mount, namespace, cgroup or other setup step failed.</summary>
    public const int SetupFailed = 125;

    /// <summary>The command was found but could not be executed.</summary>
    public const int NotExecutable = 126;

    /// <summary>The command was not found in the jail.</summary>
    public const int NotFound = 127;
}
