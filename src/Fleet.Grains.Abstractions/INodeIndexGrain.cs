using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Fleet.Grains;

/// <summary>
/// The cluster's index of nodes (one activation, key <see cref="Key"/>): a cached view of every
/// node for listing, validation and placement. The view may lag; the node grains are the authority.
/// </summary>
[Alias("fleet.INodeIndexGrain")]
public interface INodeIndexGrain : IGrainWithStringKey
{
    public const string Key = "cluster";

    /// <summary>Records a node's latest state; node grains call it on every change.</summary>
    [OneWay, Alias("Publish")]
    Task Publish(NodeSnapshot node);

    /// <summary>Every known node, liveness evaluated now.</summary>
    [Alias("List")]
    Task<ImmutableArray<NodeSnapshot>> List();
}
