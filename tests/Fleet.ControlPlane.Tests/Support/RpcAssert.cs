using Google.Rpc;
using Grpc.Core;

namespace Fleet.ControlPlane.Tests.Support;

/// <summary>Assertions on gRPC failures.</summary>
internal static class RpcAssert
{
    public static async Task<RpcException> Fails(StatusCode code, Func<Task> call)
    {
        var exception = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(code == exception.StatusCode, $"expected {code}, got {exception.StatusCode}: {exception.Status.Detail}");
        return exception;
    }

    /// <summary>The call fails with INVALID_ARGUMENT carrying a google.rpc.BadRequest; returns its violations by field.</summary>
    public static async Task<ILookup<string, string>> FailsValidation(Func<Task> call)
    {
        var exception = await Fails(StatusCode.InvalidArgument, call);
        var status = exception.GetRpcStatus();
        Assert.NotNull(status);
        var badRequest = status.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        Assert.NotEmpty(badRequest.FieldViolations);
        foreach (var violation in badRequest.FieldViolations)
        {
            // Clients that read only the message see every violation too.
            Assert.Contains(violation.Field, exception.Status.Detail, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(violation.Description));
        }

        return badRequest.FieldViolations.ToLookup(violation => violation.Field, violation => violation.Description);
    }
}
