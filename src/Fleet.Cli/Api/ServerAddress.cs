namespace Fleet.Cli.Api;

/// <summary>Where the control plane's gRPC API is: <c>--server</c>, else <c>FLEET_ADDR</c>, else the local default.</summary>
internal static class ServerAddress
{
    /// <summary>The control plane's default gRPC endpoint (<c>Fleet:GrpcUrl</c>).</summary>
    public const string Default = "http://127.0.0.1:7400";

    /// <summary>The environment variable that names the control plane when <c>--server</c> is not given.</summary>
    public const string EnvironmentVariable = "FLEET_ADDR";

    /// <summary>
    /// Picks the address and checks it is an http(s) URL; a bare <c>host:port</c> means
    /// <c>http://host:port</c> (gRPC over cleartext HTTP/2).
    /// </summary>
    /// <exception cref="CommandFailedException">A usage error naming where the bad address came from.</exception>
    public static Uri Resolve(string? flag, string? environment)
    {
        var (text, source) = !string.IsNullOrWhiteSpace(flag) ? (flag, "--server")
            : !string.IsNullOrWhiteSpace(environment) ? (environment, EnvironmentVariable)
            : (Default, "the default");
        text = text.Trim();
        if (!text.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            && !text.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            && !text.Contains("://", StringComparison.Ordinal))
        {
            text = "http://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
        {
            throw CommandFailedException.Usage(
                $"{source}: '{text}' is not a control-plane address: give an http(s) URL such as {Default}");
        }

        return uri;
    }

    /// <summary>The address as users write it: no trailing slash.</summary>
    public static string Display(Uri address) => address.GetLeftPart(UriPartial.Authority);
}
