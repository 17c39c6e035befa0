using StackKit.Server;

// Content root at the executable, so appsettings.json (quiet per-request logging) applies whatever the working
// directory. The slim builder leaves out what this service never uses (host filtering, IIS, HTTPS configuration).
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

// Per-request cost, measured with wrk (docs/benchmarks.md): run socket completions and request code on the
// epoll thread instead of hopping to the thread pool (the endpoints never block: the store does its file work on
// its own threads), and read without the zero-byte receive Kestrel otherwise issues first (one syscall less per
// request, for a buffer held per idle connection). An operator can still set the variable to 0. Not in fleet mode:
// the AWS SDK blocks in places on its own sockets' completions, which then never come (its calls hung every few
// scans); the variable is read at the first socket, after this.
if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is null
    && string.IsNullOrEmpty(builder.Configuration["KeyInjection:Fleet:TableName"]))
{
    Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
}
builder.WebHost.UseSockets(sockets =>
{
    sockets.UnsafePreferInlineScheduling = true;
    sockets.WaitForDataBeforeAllocatingBuffer = false;
});
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);   // no product banner to fingerprint
builder.Logging.AddJsonConsole();
builder.Services.AddHttpService(builder.Configuration);

var app = builder.Build();
app.MapHttpService();
app.Run();
