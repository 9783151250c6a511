namespace Fleet.Cli.Dev;

/// <summary>Where a dev node keeps everything, all under one data directory.</summary>
/// <param name="DataDirectory">The root, <see cref="DefaultDataDirectory"/> unless <c>--data-dir</c> says otherwise.</param>
internal sealed record DevLayout(string DataDirectory)
{
    public const string DefaultDataDirectory = "/var/lib/fleet";

    /// <summary>The pid files of the running dev node's processes.</summary>
    public string PidDirectory => Path.Combine(DataDirectory, "dev");

    public string LogDirectory => Path.Combine(DataDirectory, "logs");

    public string ControlPlaneDirectory => Path.Combine(DataDirectory, "controlplane");

    public string AgentDirectory => Path.Combine(DataDirectory, "agent");

    public string RootfsDirectory => Path.Combine(DataDirectory, "rootfs");

    public string PidFile(DevComponent component)
    {
        ArgumentNullException.ThrowIfNull(component);
        return Path.Combine(PidDirectory, component.Name + ".pid");
    }

    public string LogFile(DevComponent component)
    {
        ArgumentNullException.ThrowIfNull(component);
        return Path.Combine(LogDirectory, component.Name + ".log");
    }

    public void CreateDirectories()
    {
        foreach (var directory in new[] { PidDirectory, LogDirectory, ControlPlaneDirectory, AgentDirectory, RootfsDirectory })
        {
            Directory.CreateDirectory(directory);
        }
    }
}
