using StackKit.Server;

var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Logging.AddJsonConsole();
// StackKit's service: GET / (the load balancer's health check) and POST /add_public_key, configured by the stack.
builder.Services.AddHttpService(builder.Configuration);

var app = builder.Build();
app.MapHttpService();

// Your own service from here on: static files from wwwroot, and endpoints of your own.
app.UseStaticFiles();
app.MapGet("/hello/{name}", (string name) => Results.Text($"Hello, {name}, from StackKitService."));

app.Run();
