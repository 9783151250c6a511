using System.Diagnostics;

namespace Fleet.Agent.Telemetry;

/// <summary>The agent's trace source; its name falls under the <c>Fleet.*</c> prefix the service defaults listen to.</summary>
internal static class AgentTelemetry
{
    public const string Name = "Fleet.Agent";

    public static readonly ActivitySource Source = new(Name);
}
