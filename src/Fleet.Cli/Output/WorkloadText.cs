using System.Globalization;
using Fleet.Contracts.V1;
using Fleet.Domain;
using Google.Protobuf.WellKnownTypes;

namespace Fleet.Cli.Output;

/// <summary>One workload as <c>fleet get</c> prints it: what it is, where it runs, how it ended, and its history.</summary>
internal static class WorkloadText
{
    public static void Write(Workload workload, DateTimeOffset now, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(writer);
        var spec = workload.Spec ?? new WorkloadSpec();
        Field(writer, "ID", workload.Id);
        Field(writer, "Name", spec.Name);
        Field(writer, "State", StateText.Of(workload.State));
        Field(writer, "Node", Or(workload.NodeId, "(not placed)"));
        Field(writer, "Exit code", workload.HasExitCode ? workload.ExitCode.ToString(CultureInfo.InvariantCulture) : "-");
        Field(writer, "Reason", Or(workload.Reason, "-"));
        Field(writer, "Created", At(workload.CreatedAt, now));
        writer.WriteLine("Spec:");
        Field(writer, "  Command", CommandLineText.Join(spec.Command));
        Field(writer, "  Memory", spec.Resources is null ? "-" : Quantity.FormatMemory(spec.Resources.MemoryBytes));
        Field(writer, "  CPU", spec.Resources is null ? "-" : Quantity.FormatCpu(spec.Resources.CpuMillis));
        Field(writer, "  Rootfs", Or(spec.Rootfs, "busybox"));
        if (spec.Env.Count == 0)
        {
            Field(writer, "  Env", "-");
        }
        else
        {
            writer.WriteLine("  Env:");
            foreach (var (key, value) in spec.Env.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                writer.WriteLine($"    {key}={value}");
            }
        }

        writer.WriteLine("History:");
        var table = new TextTable("  TIME", "STATE", "REASON");
        foreach (var transition in workload.History)
        {
            table.Add("  " + Timestamp(transition.At), StateText.Of(transition.State), Or(transition.Reason, ""));
        }

        table.Write(writer);
    }

    private static void Field(TextWriter writer, string label, string value) =>
        writer.WriteLine($"{(label + ":").PadRight(12)}{value}");

    private static string Or(string value, string fallback) => string.IsNullOrEmpty(value) ? fallback : value;

    private static string At(Timestamp? at, DateTimeOffset now) =>
        at is null ? "-" : $"{Timestamp(at)} ({Age.Since(at, now)} ago)";

    private static string Timestamp(Timestamp? at) =>
        at is null ? "-" : at.ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
