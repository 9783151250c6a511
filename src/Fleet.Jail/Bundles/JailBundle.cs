using System.Runtime.InteropServices;
using System.Text.Json;
using Fleet.Jail.Seccomp;

namespace Fleet.Jail.Bundles;

/// <summary>
/// One jail's directory: an OCI bundle (config.json, the rootfs mount point) plus the overlay's
/// upper and work dirs, the init's status file, the reaper's exit file and the runtime's state file. Everything here is
/// the jail's own and goes away with it; the logs live elsewhere.
/// </summary>
internal sealed class JailBundle
{
    public const string ConfigFileName = "config.json";
    public const string StateFileName = "state.json";
    public const string StatusFileName = "status";
    public const string ExitFileName = "exit";
    public const string SeccompProgramFileName = "seccomp.bpf";

    public JailBundle(string directory)
    {
        Directory = Path.GetFullPath(directory);
    }

    public string Directory { get; }

    public string Id => Path.GetFileName(Directory);

    public string ConfigPath => Path.Combine(Directory, ConfigFileName);

    public string StatePath => Path.Combine(Directory, StateFileName);

    /// <summary>The init writes "op path: strerror" here when it fails before the workload's execve.</summary>
    public string StatusPath => Path.Combine(Directory, StatusFileName);

    /// <summary>Written by the jail's reaper when the workload ends (<see cref="WorkloadEnd"/>).</summary>
    public string ExitPath => Path.Combine(Directory, ExitFileName);

    public string UpperDirectory => Path.Combine(Directory, "upper");

    public string WorkDirectory => Path.Combine(Directory, "work");

    public string RootfsDirectory(OciSpec spec) => Path.Combine(Directory, spec.Root.Path);

    /// <summary>
    /// Creates the directory and its layout and writes config.json, and the compiled seccomp filter
    /// when the config names one (<see cref="FleetAnnotations.SeccompProgram"/>); fails if the jail already exists.
    /// </summary>
    public static JailBundle Create(string directory, OciSpec spec)
    {
        var bundle = new JailBundle(directory);
        if (System.IO.Directory.Exists(bundle.Directory))
        {
            throw new JailException($"create bundle {bundle.Directory}: a jail with this id already exists");
        }

        System.IO.Directory.CreateDirectory(bundle.Directory);
        System.IO.Directory.CreateDirectory(bundle.UpperDirectory);
        System.IO.Directory.CreateDirectory(bundle.WorkDirectory);
        System.IO.Directory.CreateDirectory(bundle.RootfsDirectory(spec));
        File.WriteAllBytes(bundle.ConfigPath, JsonSerializer.SerializeToUtf8Bytes(spec, BundleJsonContext.Default.OciSpec));
        if (spec.Linux.Seccomp is { } seccomp && spec.Annotation(FleetAnnotations.SeccompProgram) is { } name)
        {
            File.WriteAllBytes(Path.Combine(bundle.Directory, name), MemoryMarshal.AsBytes(SeccompProgram.CompileOnce(seccomp).AsSpan()));
        }

        return bundle;
    }

    public OciSpec ReadConfig() =>
        JsonSerializer.Deserialize(File.ReadAllBytes(ConfigPath), BundleJsonContext.Default.OciSpec)
        ?? throw new JailException($"read {ConfigPath}: empty bundle config");

    public void WriteState(JailState state)
    {
        // Write then rename, so a crash never leaves a half-written state file for Recover to trip on.
        var temporary = StatePath + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(state, BundleJsonContext.Default.JailState));
        File.Move(temporary, StatePath, overwrite: true);
    }

    /// <summary>
    /// The seccomp filter for <paramref name="spec"/>, as the runtime compiled it into the bundle;
    /// null when there is no filter. The init never compiles one itself: the compiler would make
    /// every start of the NativeAOT binary slower, and whoever writes a bundle (the agent, later the
    /// OCI command line) compiles it once.
    /// </summary>
    public ulong[]? SeccompFilter(OciSpec spec)
    {
        if (spec.Linux.Seccomp is null)
        {
            return null;
        }

        var name = spec.Annotation(FleetAnnotations.SeccompProgram)
            ?? throw new JailException($"read {ConfigPath}: linux.seccomp without its compiled program (annotation {FleetAnnotations.SeccompProgram})");
        var path = Path.Combine(Directory, Path.GetFileName(name));
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0 || bytes.Length % sizeof(ulong) != 0 || bytes.Length / sizeof(ulong) > SeccompProgram.MaxInstructions)
        {
            throw new JailException($"read {path}: {bytes.Length} bytes is not a seccomp program");
        }

        return MemoryMarshal.Cast<byte, ulong>(bytes).ToArray();
    }

    public JailState? ReadState()
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(StatePath), BundleJsonContext.Default.JailState);
        }
        catch (Exception e) when (e is FileNotFoundException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The init's failure message, or null when it wrote none (it reached the workload's execve).</summary>
    public string? ReadStatus()
    {
        try
        {
            var text = File.ReadAllText(StatusPath).Trim();
            return text.Length == 0 ? null : text;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The workload's end as the reaper recorded it; null while it runs, or when PID 1 itself was killed.</summary>
    public WorkloadEnd? ReadExit()
    {
        try
        {
            return WorkloadEnd.Parse(File.ReadAllText(ExitPath));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Removes the whole directory (overlay upper and work included). Missing is fine.</summary>
    public void Delete()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new JailException($"remove {Directory}: {e.Message}", e);
        }
    }
}
