namespace Fleet.ControlPlane.Telemetry;

/// <summary>How a workload submission ended, as counted by <see cref="ControlPlaneTelemetry"/>.</summary>
internal enum SubmissionOutcome
{
    Accepted,
    Rejected,
    NameTaken,
}
