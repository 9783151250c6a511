using Microsoft.Extensions.Options;

namespace Fleet.ControlPlane.Hosting;

/// <summary>Refuses silo ports outside 1-65535 or equal to each other, naming the configuration key.</summary>
internal sealed class SiloPortsOptionsValidator : IValidateOptions<SiloPortsOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloPortsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.SiloPort is < 1 or > 65535)
        {
            failures.Add($"Orleans:SiloPort must be between 1 and 65535 (is {options.SiloPort})");
        }

        if (options.GatewayPort is < 1 or > 65535)
        {
            failures.Add($"Orleans:GatewayPort must be between 1 and 65535 (is {options.GatewayPort})");
        }

        if (options.SiloPort == options.GatewayPort)
        {
            failures.Add($"Orleans:SiloPort and Orleans:GatewayPort must differ (both are {options.SiloPort})");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
