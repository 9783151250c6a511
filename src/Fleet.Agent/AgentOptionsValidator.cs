using Microsoft.Extensions.Options;

namespace Fleet.Agent;

/// <summary>Refuses to start with options that would only fail later, naming the key and the rule.</summary>
internal sealed class AgentOptionsValidator : IValidateOptions<AgentOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.NodeId))
        {
            failures.Add("Agent:NodeId must not be empty.");
        }

        if (!Uri.TryCreate(options.ControlPlane, UriKind.Absolute, out var controlPlane) ||
            (controlPlane.Scheme != Uri.UriSchemeHttp && controlPlane.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"Agent:ControlPlane must be an absolute http:// or https:// URL, got '{options.ControlPlane}'.");
        }

        // The agent listens in plain HTTP only; TLS, where wanted, sits in front of it.
        foreach (var (key, value) in new[] { ("GrpcUrl", options.GrpcUrl), ("HttpUrl", options.HttpUrl) })
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
            {
                failures.Add($"Agent:{key} must be an absolute http:// URL with a host and port, got '{value}'.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.StateDirectory))
        {
            failures.Add("Agent:StateDirectory must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.RootfsDirectory))
        {
            failures.Add("Agent:RootfsDirectory must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.CgroupParent) || options.CgroupParent.Contains("..", StringComparison.Ordinal))
        {
            failures.Add("Agent:CgroupParent must be a cgroup path without '..'.");
        }

        if (options.HeartbeatInterval <= TimeSpan.Zero)
        {
            failures.Add("Agent:HeartbeatInterval must be positive.");
        }

        if (options.UsageInterval <= TimeSpan.Zero)
        {
            failures.Add("Agent:UsageInterval must be positive.");
        }

        if (options.ReservedCpuMillis < 0 || options.ReservedMemoryBytes < 0)
        {
            failures.Add("Agent:ReservedCpuMillis and Agent:ReservedMemoryBytes must not be negative.");
        }

        if (options.StopGracePeriod < TimeSpan.Zero)
        {
            failures.Add("Agent:StopGracePeriod must not be negative.");
        }

        if (options.CpuMillis is <= 0)
        {
            failures.Add("Agent:CpuMillis must be positive when set.");
        }

        if (options.MemoryBytes is <= 0)
        {
            failures.Add("Agent:MemoryBytes must be positive when set.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
