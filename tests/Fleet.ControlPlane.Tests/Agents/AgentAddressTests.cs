using Fleet.ControlPlane.Agents;

namespace Fleet.ControlPlane.Tests.Agents;

public sealed class AgentAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:7410")]
    [InlineData("node-1.example:7410")]
    [InlineData("localhost:1")]
    [InlineData("[::1]:65535")]
    public void Accepts_host_and_port(string address) => Assert.True(AgentAddress.IsValid(address));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("127.0.0.1")]
    [InlineData(":7410")]
    [InlineData("127.0.0.1:")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:65536")]
    [InlineData("127.0.0.1:-1")]
    [InlineData("127.0.0.1:74x0")]
    [InlineData("::1:7410")]
    [InlineData("[::1:7410")]
    [InlineData("http://127.0.0.1:7410")]
    [InlineData("bad host:7410")]
    public void Refuses_anything_else(string? address) => Assert.False(AgentAddress.IsValid(address));
}
