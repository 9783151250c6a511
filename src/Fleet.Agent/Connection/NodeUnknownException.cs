namespace Fleet.Agent.Connection;

/// <summary>The control plane answered a heartbeat with known = false (e.g. its store was wiped): the agent must register again.</summary>
internal sealed class NodeUnknownException : Exception
{
    public NodeUnknownException() : base("the control plane does not know this node") { }

    public NodeUnknownException(string message) : base(message) { }

    public NodeUnknownException(string message, Exception inner) : base(message, inner) { }
}
