# syntax=docker/dockerfile:1
# The Fleet control plane: one Orleans silo co-hosting the public and agent gRPC APIs.
# Build from the repository root: docker build -f deploy/controlplane.Dockerfile .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY protos/ protos/
COPY src/ src/
# The cache mount keeps NuGet packages between builds without baking them into a layer.
RUN --mount=type=cache,target=/root/.nuget/packages \
    dotnet publish src/Fleet.ControlPlane -c Release -o /out/controlplane

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# busybox serves the health check's wget; the runtime image has neither curl nor wget.
RUN apt-get update \
    && apt-get install -y --no-install-recommends busybox-static \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/controlplane/ /opt/fleet/controlplane/
# The image's unprivileged user ($APP_UID) owns the data directory, so a fresh named volume
# mounted there inherits that ownership.
RUN mkdir -p /var/lib/fleet/controlplane && chown -R "$APP_UID" /var/lib/fleet
USER $APP_UID
# Listen on every interface inside the container; the defaults bind to loopback only.
# An empty ASPNETCORE_HTTP_PORTS stops the base image's :8080 from competing with Fleet's endpoints.
ENV ASPNETCORE_HTTP_PORTS="" \
    Fleet__GrpcUrl=http://0.0.0.0:7400 \
    Fleet__HttpUrl=http://0.0.0.0:7401
# The default Fleet:DataDirectory.
VOLUME /var/lib/fleet/controlplane
EXPOSE 7400 7401
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD ["busybox", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:7401/healthz"]
ENTRYPOINT ["/opt/fleet/controlplane/fleet-controlplane"]
