using System.Diagnostics;

namespace Fleet.Grains;

/// <summary>The name of the control plane's activity source and meter, for hosts that pick them by name.</summary>
public static class FleetTelemetry
{
    public const string Name = "Fleet.ControlPlane";

    /// <summary>Spans around placement: one per attempt to place a workload, with a child per reservation.</summary>
    internal static readonly ActivitySource ActivitySource = new(Name);
}
