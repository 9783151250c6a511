namespace Fleet.Deploy.Tests;

/// <summary>A compose volume entry: a named volume or a bind mount of a host path.</summary>
internal sealed record VolumeMount(string Source, string Target, bool ReadOnly)
{
    public bool IsBind => Source.StartsWith('.') || Source.StartsWith('/') || Source.StartsWith('~');
}
