# RecyclePlatform: build with the .NET 10 SDK, run on the ASP.NET Core runtime as a non-root user.
#   docker build -t recycleplatform .
#   docker compose up --build        (with PostgreSQL; see docker-compose.yml and docs/configuration.md)
# The image serves plain HTTP on 8080; put a TLS-terminating proxy in front for anything public.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore from the files that decide the packages first, so a code change reuses this layer.
# Only the web app and the projects it references are restored: the test projects' packages
# (Playwright and friends) have no place in the image.
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props .editorconfig ./
COPY src/RecyclePlatform.Domain/RecyclePlatform.Domain.csproj src/RecyclePlatform.Domain/
COPY src/RecyclePlatform.Application/RecyclePlatform.Application.csproj src/RecyclePlatform.Application/
COPY src/RecyclePlatform.Infrastructure/RecyclePlatform.Infrastructure.csproj src/RecyclePlatform.Infrastructure/
COPY src/RecyclePlatform.Web/RecyclePlatform.Web.csproj src/RecyclePlatform.Web/
# One platform's native libraries only (OR-Tools ships ~60 MB for each of five): the image's own.
ARG TARGETARCH
RUN rid="linux-$([ "$TARGETARCH" = arm64 ] && echo arm64 || echo x64)" \
 && dotnet restore src/RecyclePlatform.Web/RecyclePlatform.Web.csproj -r "$rid"

COPY src/ src/
RUN rid="linux-$([ "$TARGETARCH" = arm64 ] && echo arm64 || echo x64)" \
 && dotnet publish src/RecyclePlatform.Web -c Release -r "$rid" --self-contained false --no-restore -o /app

# Runtime: Ubuntu-based, with ICU for the zh-CN culture. Native libraries come from NuGet packages
# for the image's platform: SQLite's e_sqlite3 and Google OR-Tools (glibc and libstdc++, both in
# the base image).
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./

ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080

# The image's built-in non-root "app" user. /app stays owned by root and read-only to it. Data lives
# in PostgreSQL, and the data-protection keys in the database too.
# The one writable folder: .eml files when no SMTP host is configured (a volume in docker-compose.yml).
RUN mkdir -p /data/mail && chown "$APP_UID" /data/mail
USER $APP_UID

# `docker run <image> migrate` applies migrations and exits (see docker-compose.yml's migrate service).
ENTRYPOINT ["dotnet", "RecyclePlatform.Web.dll"]
