using Grpc.Core;
using Grpc.Core.Interceptors;
using Orleans.Runtime;

namespace Fleet.ControlPlane.Api;

/// <summary>
/// Turns what escapes a service method into a gRPC status: deliberate <see cref="RpcException"/>s
/// pass through, a call the client cancelled is <c>CANCELLED</c>, a silo that cannot be reached
/// or answer in time is <c>UNAVAILABLE</c> (the client may retry), and anything else is logged
/// and answered with <c>INTERNAL</c> without leaking the exception to the client.
/// </summary>
internal sealed partial class ErrorInterceptor(ILogger<ErrorInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return await continuation(request, context);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Translate(exception, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Translate(exception, context);
        }
    }

    private RpcException Translate(Exception exception, ServerCallContext context)
    {
        if (exception is OperationCanceledException && context.CancellationToken.IsCancellationRequested)
        {
            return new RpcException(new Status(StatusCode.Cancelled, "the call was cancelled"));
        }

        if (exception is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException)
        {
            LogUnavailable(logger, context.Method, exception);
            return new RpcException(new Status(StatusCode.Unavailable, $"the control plane could not complete the call: {exception.Message}"));
        }

        LogFailed(logger, context.Method, exception);
        return new RpcException(new Status(StatusCode.Internal, "internal error in the control plane; its log has the details"));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} could not be completed: the cluster is unavailable")]
    private static partial void LogUnavailable(ILogger logger, string method, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} failed")]
    private static partial void LogFailed(ILogger logger, string method, Exception exception);
}
