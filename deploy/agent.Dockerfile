# syntax=docker/dockerfile:1
# The Fleet node agent. It creates namespaces, cgroups and mounts for its jails, so it runs as
# root in a privileged container (see docker-compose.yml).
# Build from the repository root: docker build -f deploy/agent.Dockerfile .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# fleet-jail-init is NativeAOT, linked with gcc and bfd (its csproj says so); zlib1g-dev is a
# link input and brings libc6-dev.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc zlib1g-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY protos/ protos/
COPY src/ src/
RUN --mount=type=cache,target=/root/.nuget/packages \
    dotnet publish src/Fleet.Agent -c Release -o /out/agent \
    && dotnet publish src/Fleet.Jail.Init -c Release -o /out/jail-init

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# The agent builds its busybox rootfs from /bin/busybox; busybox also serves the health check.
RUN apt-get update \
    && apt-get install -y --no-install-recommends busybox-static \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/agent/ /opt/fleet/agent/
# Beside the agent binary, where Agent:JailInitPath looks by default.
COPY --from=build /out/jail-init/fleet-jail-init /opt/fleet/agent/fleet-jail-init
ENV ASPNETCORE_HTTP_PORTS="" \
    Agent__GrpcUrl=http://0.0.0.0:7410 \
    Agent__HttpUrl=http://0.0.0.0:7411
# Holds the default Agent:StateDirectory and Agent:RootfsDirectory. Overlay upper directories
# cannot live on the container's own overlay root, so this must be a volume.
VOLUME /var/lib/fleet
EXPOSE 7410 7411
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD ["busybox", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:7411/healthz"]
ENTRYPOINT ["/opt/fleet/agent/fleet-agent"]
