using StackKit.Server;

// Content root at the executable, so appsettings.json (quiet per-request logging) applies whatever the working
// directory. The slim builder leaves out what this service never uses (host filtering, IIS, HTTPS configuration).
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

// Run request code on the socket's own thread instead of hopping to the thread pool: the endpoints never block
// (the store does its file work on its own task), and the hop is most of Kestrel's cost per small request.
builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
builder.Logging.AddJsonConsole();
builder.Services.AddHttpService(builder.Configuration);

var app = builder.Build();
app.MapHttpService();
app.Run();
