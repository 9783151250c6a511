using Fleet.ControlPlane.Hosting;

await using var app = ControlPlaneHost.Build(args);
await app.RunAsync();
