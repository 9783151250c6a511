using Fleet.Contracts.V1;
using Fleet.Domain;

namespace Fleet.Cli.Commands;

/// <summary>
/// Turns the flags of <c>fleet run</c> into a <see cref="WorkloadSpec"/>, rejecting what is plainly
/// wrong before anything is sent (the control plane validates again: it has the last word).
/// </summary>
internal static class RunSpec
{
    public const string DefaultMemory = "64Mi";
    public const string DefaultCpu = "0.25";

    /// <exception cref="CommandFailedException">A usage error naming the flag at fault.</exception>
    public static WorkloadSpec Build(string? name, string? memory, string? cpu, string? rootfs, IReadOnlyList<string> env, IReadOnlyList<string> command)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count == 0)
        {
            throw CommandFailedException.Usage("give the command to run after --, e.g. fleet run -- /bin/echo hello");
        }

        var spec = new WorkloadSpec
        {
            Name = name ?? "",
            Rootfs = rootfs ?? "",
            Resources = new Resources { MemoryBytes = Memory(memory ?? DefaultMemory), CpuMillis = Cpu(cpu ?? DefaultCpu) },
        };
        spec.Command.AddRange(command);
        foreach (var pair in env)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw CommandFailedException.Usage($"--env: '{pair}' is not KEY=VALUE");
            }

            spec.Env[pair[..equals]] = pair[(equals + 1)..];
        }

        return spec;
    }

    private static long Memory(string text)
    {
        if (!Quantity.TryParseMemory(text, out var bytes))
        {
            throw CommandFailedException.Usage($"--memory: '{text}' is not a memory quantity: write bytes with an optional unit, e.g. 64Mi, 1Gi, 512M");
        }

        if (bytes <= 0)
        {
            throw CommandFailedException.Usage($"--memory: '{text}' must be greater than zero");
        }

        return bytes;
    }

    private static long Cpu(string text)
    {
        if (!Quantity.TryParseCpu(text, out var millis))
        {
            throw CommandFailedException.Usage($"--cpu: '{text}' is not a CPU quantity: write cores or millicores, e.g. 0.5, 2, 500m");
        }

        if (millis <= 0)
        {
            throw CommandFailedException.Usage($"--cpu: '{text}' must be greater than zero (at least 1m, a thousandth of a core)");
        }

        return millis;
    }
}
