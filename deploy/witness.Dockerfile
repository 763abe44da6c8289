# The witness service (src/RecyclePlatform.Witness) on its own: what a charity or an auditor runs.
#   docker build -f deploy/witness.Dockerfile -t recycle-witness .
#   docker run -e Witness__Name=... -e Witness__SigningKey=... -e Witness__Logs__0=... -v witness:/data -p 8081:8080 recycle-witness
# Make the key with: docker run --rm recycle-witness new-key --name charity.example/witness
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/RecyclePlatform.Domain/RecyclePlatform.Domain.csproj src/RecyclePlatform.Domain/
COPY src/RecyclePlatform.Witness/RecyclePlatform.Witness.csproj src/RecyclePlatform.Witness/
RUN dotnet restore src/RecyclePlatform.Witness/RecyclePlatform.Witness.csproj
COPY src/RecyclePlatform.Domain/ src/RecyclePlatform.Domain/
COPY src/RecyclePlatform.Witness/ src/RecyclePlatform.Witness/
RUN dotnet publish src/RecyclePlatform.Witness -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080 \
    Witness__StateFile=/data/witness-state.json
EXPOSE 8080
# Its whole memory is one small file: keep /data on a volume and back it up.
RUN mkdir -p /data && chown "$APP_UID" /data
USER $APP_UID
ENTRYPOINT ["dotnet", "recycle-witness.dll"]
