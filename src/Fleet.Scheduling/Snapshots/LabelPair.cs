namespace Fleet.Scheduling.Snapshots;

/// <summary>A label and its value as a key of the workload index; a job id is indexed as a pair under a key no label can have.</summary>
internal readonly record struct LabelPair(string Key, string Value)
{
    private const string JobKey = "\0job";

    public static LabelPair Job(string jobId) => new(JobKey, jobId);
}
