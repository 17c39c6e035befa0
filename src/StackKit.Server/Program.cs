using StackKit.Server;

// The slim builder leaves out what this service never uses (host filtering, IIS, HTTPS configuration), which is
// most of what Kestrel would otherwise spend per request beyond the endpoint itself.
var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
builder.Logging.AddJsonConsole();
builder.Services.AddHttpService(builder.Configuration);

var app = builder.Build();
app.MapHttpService();
app.Run();
