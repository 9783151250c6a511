using Fleet.Domain;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Fleet.ControlPlane.Api;

/// <summary>
/// The gRPC errors the public and agent APIs answer with. Bad input carries a
/// <c>google.rpc.BadRequest</c> so that clients can point at the field that broke a rule; the
/// status message lists the same violations for clients that read only the message.
/// </summary>
internal static class RpcErrors
{
    public static RpcException InvalidArgument(IReadOnlyCollection<FieldViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(violations.Select(violation =>
            new BadRequest.Types.FieldViolation { Field = violation.Field, Description = violation.Description }));
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = "invalid request: " + string.Join("; ", violations.Select(violation => $"{violation.Field}: {violation.Description}")),
            Details = { Any.Pack(badRequest) },
        };
        return status.ToRpcException();
    }

    public static RpcException InvalidArgument(string field, string description) =>
        InvalidArgument([new FieldViolation(field, description)]);

    public static RpcException NotFound(string message) => new(new Grpc.Core.Status(StatusCode.NotFound, message));

    public static RpcException AlreadyExists(string message) => new(new Grpc.Core.Status(StatusCode.AlreadyExists, message));

    public static RpcException FailedPrecondition(string message) => new(new Grpc.Core.Status(StatusCode.FailedPrecondition, message));

    public static RpcException Unavailable(string message) => new(new Grpc.Core.Status(StatusCode.Unavailable, message));
}
