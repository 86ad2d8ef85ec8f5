using Serverless.Durable;
using Serverless.Host;
using Serverless.Host.Management;
using Serverless.Hosting;
using Serverless.Orders;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddFunctionsHost();
builder.Services
    .AddEmbeddedStorage()
    .AddOrders(builder.Configuration)
    .AddDurableTask(registry => OrdersFunctions.Register(registry), options => builder.Configuration.GetSection("Durable").Bind(options))
    .AddDurableTaskWorker()
    .AddDurableManagementApi();

var app = builder.Build();
app.UseFunctionsHost();
app.MapFunctionsApi().MapOrdersApi();
app.MapDurableManagementApi();
app.Run();
