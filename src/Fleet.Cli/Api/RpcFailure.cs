using System.Net.Sockets;
using Google.Rpc;
using Grpc.Core;

namespace Fleet.Cli.Api;

/// <summary>Turns a failed gRPC call into what the user reads and the exit code from <see cref="ExitCodes"/>.</summary>
internal static class RpcFailure
{
    public static CommandFailedException ToCommandFailure(RpcException exception, Uri address)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(address);
        return exception.StatusCode switch
        {
            StatusCode.NotFound => new(ExitCodes.NotFound, Detail(exception, "not found")),
            StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.AlreadyExists or StatusCode.OutOfRange
                => new(ExitCodes.Rejected, Violations(exception)),
            StatusCode.Unavailable when IsConnectFailure(exception, out var reason) => new(ExitCodes.Unavailable,
                $"cannot reach the control plane at {ServerAddress.Display(address)}: {reason}"),
            StatusCode.Unavailable => new(ExitCodes.Unavailable,
                $"the control plane at {ServerAddress.Display(address)} is unavailable: {Detail(exception, "no reason given")}"),
            StatusCode.DeadlineExceeded => new(ExitCodes.Unavailable,
                $"the control plane at {ServerAddress.Display(address)} did not answer in time ({Detail(exception, "deadline exceeded")})"),
            _ => new(ExitCodes.Internal, $"{exception.StatusCode}: {Detail(exception, "no detail given")}"),
        };
    }

    /// <summary>
    /// One line per google.rpc.BadRequest field violation ("spec.resources.memory_bytes: must be greater
    /// than zero"); the status message alone when the server sent none.
    /// </summary>
    private static IReadOnlyList<string> Violations(RpcException exception)
    {
        var status = exception.GetRpcStatus();
        var badRequest = status?.GetDetail<BadRequest>();
        if (badRequest is null || badRequest.FieldViolations.Count == 0)
        {
            return [Detail(exception, "rejected")];
        }

        return [.. badRequest.FieldViolations.Select(v => $"{v.Field}: {v.Description}")];
    }

    private static string Detail(RpcException exception, string fallback) =>
        string.IsNullOrWhiteSpace(exception.Status.Detail) ? fallback : exception.Status.Detail;

    private static bool IsConnectFailure(RpcException exception, out string reason)
    {
        var chain = new List<Exception>();
        for (var inner = exception.Status.DebugException; inner is not null; inner = inner.InnerException)
        {
            chain.Add(inner);
        }

        const string Hint = "is it running? (fleet dev start)";
        if (chain.OfType<SocketException>().FirstOrDefault() is { } socket)
        {
            reason = socket.SocketErrorCode == SocketError.ConnectionRefused ? Hint : $"{socket.Message}: {Hint}";
            return true;
        }

        if (chain.OfType<HttpRequestException>().FirstOrDefault(
                h => h.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError) is { } http)
        {
            reason = $"{http.Message}: {Hint}";
            return true;
        }

        reason = "";
        return false;
    }
}
