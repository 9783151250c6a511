using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Fleet.ControlPlane.Telemetry;

/// <summary>The control plane's own spans and metrics (ASP.NET Core, gRPC and Orleans bring theirs).</summary>
internal sealed class ControlPlaneTelemetry : IDisposable
{
    /// <summary>The name of both the activity source and the meter; matched by the service defaults' <c>Fleet.*</c>.</summary>
    public const string Name = "Fleet.ControlPlane";

    private readonly Counter<long> submissions;

    public ControlPlaneTelemetry(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(Name);
        submissions = meter.CreateCounter<long>(
            "fleet.workload.submissions", unit: "{submission}",
            description: "Workload submissions, by outcome: accepted, rejected (invalid spec) or name_taken.");
    }

    public ActivitySource ActivitySource { get; } = new(Name);

    public void RecordSubmission(SubmissionOutcome outcome) =>
        submissions.Add(1, new KeyValuePair<string, object?>("outcome", outcome switch
        {
            SubmissionOutcome.Accepted => "accepted",
            SubmissionOutcome.Rejected => "rejected",
            _ => "name_taken",
        }));

    public void Dispose() => ActivitySource.Dispose();
}
