using Fleet.Jail.Security;

namespace Fleet.Jail;

/// <summary>The security and resource settings of a <see cref="JailSpec"/>, checked before anything is created.</summary>
internal static class JailSpecValidation
{
    private const int MinOomScoreAdj = -1000;
    private const int MaxOomScoreAdj = 1000;

    /// <exception cref="ArgumentException">A setting the runtime cannot or will not apply, naming the field and the rule.</exception>
    public static void Validate(JailSpec spec)
    {
        if (Refusal(spec) is { } refusal)
        {
            throw new ArgumentException(refusal, nameof(spec));
        }

        // Throws naming an unknown capability.
        _ = Capabilities.Resolve(spec.Security);
    }

    private static string? Refusal(JailSpec spec)
    {
        if (!spec.WorkingDirectory.StartsWith('/'))
        {
            return $"jail working directory \"{spec.WorkingDirectory}\" must be an absolute path";
        }

        if (spec.PidsLimit < 0)
        {
            return $"jail pids limit {spec.PidsLimit} must be 0 (the default, {JailSpec.DefaultPidsLimit}) or more";
        }

        if (spec.Sysctls.Keys.Select(Sysctls.Refusal).FirstOrDefault(refusal => refusal is not null) is { } sysctl)
        {
            return "jail " + sysctl;
        }

        var security = spec.Security;
        if (security.OomScoreAdj is < MinOomScoreAdj or > MaxOomScoreAdj)
        {
            return $"jail security OomScoreAdj {security.OomScoreAdj} must be between {MinOomScoreAdj} and {MaxOomScoreAdj}";
        }

        foreach (var limit in security.Rlimits)
        {
            if (Rlimits.Resource(limit.Type) is null)
            {
                return $"jail security rlimit \"{limit.Type}\" is unknown (expected RLIMIT_NOFILE, RLIMIT_NPROC, RLIMIT_CORE, …)";
            }

            if (limit.Soft > limit.Hard)
            {
                return $"jail security rlimit {limit.Type}: soft limit {limit.Soft} is above the hard limit {limit.Hard}";
            }
        }

        return security.Rlimits.GroupBy(limit => limit.Type).FirstOrDefault(group => group.Count() > 1) is { } twice
            ? $"jail security rlimit {twice.Key} is given more than once"
            : null;
    }
}
