using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using StackKit.Tests.Moto;
using StackKit.TestSupport;

namespace StackKit.Tests.Preflight;

/// <summary>
/// Debian's docker-registry (the CNCF distribution registry) on a free loopback port, with its config and storage in
/// a temporary folder. Several registries may share one storage folder: one open to push to, others in front of the
/// same images with token or htpasswd auth.
/// </summary>
internal sealed class LocalRegistry : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private LocalRegistry(Process process, string address)
    {
        _process = process;
        Address = address;
    }

    /// <summary>host:port, as an image reference starts.</summary>
    public string Address { get; }

    /// <summary>What the registry logged, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts a registry over <paramref name="storage"/>; <paramref name="auth"/> is the YAML of its auth section, null for none.</summary>
    public static async Task<LocalRegistry> StartAsync(DirectoryInfo folder, string storage, string? auth = null)
    {
        var port = LoopbackPort.Free();
        var config = Path.Combine(folder.FullName, $"registry-{port}.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: info
            storage:
              filesystem:
                rootdirectory: {storage}
            http:
              addr: 127.0.0.1:{port}
            {auth ?? string.Empty}
            """);
        var start = new ProcessStartInfo("docker-registry", ["serve", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("docker-registry did not start.");
        var registry = new LocalRegistry(process, $"127.0.0.1:{port}");
        process.OutputDataReceived += (_, line) => registry.Append(line.Data);
        process.ErrorDataReceived += (_, line) => registry.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"docker-registry exited ({process.ExitCode}): {registry.Log}");
            }
            try
            {
                using var response = await Http.GetAsync(new Uri($"http://{registry.Address}/v2/"));
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return registry;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(50);
        }
        await registry.DisposeAsync();
        throw new TimeoutException($"docker-registry did not answer on {registry.Address} within 20 s: {registry.Log}");
    }

    /// <summary>
    /// Pushes a tiny image (a config blob and an OCI manifest that names it) through the registry API, as docker push
    /// does, and returns the manifest's digest.
    /// </summary>
    public async Task<string> PushImageAsync(string repository, string tag)
    {
        var config = Encoding.UTF8.GetBytes("""{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}""");
        var configDigest = Digest(config);
        using (var upload = await Http.PostAsync(new Uri($"http://{Address}/v2/{repository}/blobs/uploads/"), null))
        {
            Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
            var location = new Uri(new Uri($"http://{Address}"), upload.Headers.Location!);
            var separator = string.IsNullOrEmpty(location.Query) ? "?" : "&";
            using var put = await Http.PutAsync(new Uri($"{location}{separator}digest={Uri.EscapeDataString(configDigest)}"), new ByteArrayContent(config));
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }
        var manifest = Encoding.UTF8.GetBytes(
            $$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{configDigest}}","size":{{config.Length}}},"layers":[]}""");
        var content = new ByteArrayContent(manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json");
        using var pushed = await Http.PutAsync(new Uri($"http://{Address}/v2/{repository}/manifests/{tag}"), content);
        Assert.True(pushed.StatusCode == HttpStatusCode.Created, $"Manifest push answered {pushed.StatusCode}: {await pushed.Content.ReadAsStringAsync()} {Log}");
        return Digest(manifest);
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
