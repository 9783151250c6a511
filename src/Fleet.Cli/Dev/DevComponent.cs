namespace Fleet.Cli.Dev;

/// <summary>One process of a dev node: where its binary is in the published layout, and how it is started.</summary>
internal sealed class DevComponent
{
    /// <summary>The control plane, on its default ports, keeping its SQLite store in <c>&lt;data-dir&gt;/controlplane</c>.</summary>
    public static readonly DevComponent ControlPlane = new(
        "controlplane", "fleet-controlplane", "control plane",
        layout => [$"--Fleet:DataDirectory={layout.ControlPlaneDirectory}"]);

    /// <summary>The node agent, on its default ports, keeping its state in <c>&lt;data-dir&gt;/agent</c> and rootfs in <c>&lt;data-dir&gt;/rootfs</c>.</summary>
    public static readonly DevComponent Agent = new(
        "agent", "fleet-agent", "agent",
        layout => [$"--Agent:StateDirectory={layout.AgentDirectory}", $"--Agent:RootfsDirectory={layout.RootfsDirectory}"]);

    private readonly Func<DevLayout, IReadOnlyList<string>> _arguments;

    private DevComponent(string name, string programName, string displayName, Func<DevLayout, IReadOnlyList<string>> arguments)
    {
        Name = name;
        ProgramName = programName;
        DisplayName = displayName;
        _arguments = arguments;
    }

    /// <summary>In start order: the agent registers with a control plane that is already there.</summary>
    public static IReadOnlyList<DevComponent> All { get; } = [ControlPlane, Agent];

    /// <summary>Its folder under the bin directory, and the stem of its pid and log files.</summary>
    public string Name { get; }

    /// <summary>The executable's file name.</summary>
    public string ProgramName { get; }

    /// <summary>What users call it: "control plane", "agent".</summary>
    public string DisplayName { get; }

    /// <summary><c>&lt;bin-dir&gt;/&lt;name&gt;/&lt;program&gt;</c>, as the published layout has it.</summary>
    public string ExecutablePath(string binDirectory) => Path.Combine(binDirectory, Name, ProgramName);

    public IReadOnlyList<string> Arguments(DevLayout layout) => _arguments(layout);
}
