using Fleet.Jail.Init;

// fleet-jail-init BUNDLE_DIR: started by the runtime as PID 1 of a new PID namespace; finishes the
// jail described by BUNDLE_DIR/config.json and execs the workload. "--version" is the runtime's warm-up.
if (args is ["--version"])
{
    return 0;
}

if (args.Length != 1)
{
    await Console.Error.WriteLineAsync("usage: fleet-jail-init BUNDLE_DIR");
    return InitExitCode.SetupFailed;
}

return JailInit.Run(args[0]);
