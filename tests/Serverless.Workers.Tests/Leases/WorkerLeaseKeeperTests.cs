using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Serverless.Storage.InMemory;
using Serverless.Storage.Queues;
using Serverless.Workers.Leases;
using Xunit;

namespace Serverless.Workers.Tests.Leases;

/// <summary>Two workers on one in-memory store, with a fake clock: leases, take-over and the receive gate.</summary>
public sealed class WorkerLeaseKeeperTests
{
    private static readonly TimeSpan Visibility = TimeSpan.FromMinutes(5);
    private static readonly WorkerLeaseOptions Options = new()
    {
        LeaseDuration = TimeSpan.FromSeconds(10),
        HeartbeatInterval = TimeSpan.FromSeconds(2),
    };

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly InMemoryStorageProvider _store;

    public WorkerLeaseKeeperTests() => _store = new InMemoryStorageProvider(_time);

    [Fact]
    public async Task A_dead_workers_messages_are_visible_again_as_soon_as_its_lease_has_expired()
    {
        var (dead, deadQueue) = Worker("dead");
        var (survivor, survivorQueue) = Worker("survivor");
        await dead.RenewAsync();
        await survivor.RenewAsync();
        await deadQueue.SendAsync("order-1");
        var held = Assert.Single(await deadQueue.ReceiveAsync(1, Visibility));

        _time.Advance(Options.LeaseDuration - TimeSpan.FromSeconds(1));
        await survivor.RenewAsync();
        var early = await survivor.RecoverAsync();
        _time.Advance(TimeSpan.FromSeconds(1));
        await survivor.RenewAsync();
        var recovered = await survivor.RecoverAsync();

        Assert.Empty(early);
        Assert.Equal(new WorkerRecovery(dead.Identity.Id, "lease expired", 1), Assert.Single(recovered));
        var taken = Assert.Single(await survivorQueue.ReceiveAsync(1, Visibility));
        Assert.Equal(("order-1", 2), (taken.Body, taken.DequeueCount));
        Assert.False(await deadQueue.CompleteAsync(held));
        Assert.DoesNotContain(await survivor.ListAsync(), l => l.WorkerId == dead.Identity.Id);
    }

    [Fact]
    public async Task A_live_worker_that_keeps_renewing_is_never_robbed()
    {
        var (slow, slowQueue) = Worker("slow");
        var (other, _) = Worker("other");
        await slow.RenewAsync();
        await slowQueue.SendAsync("long-job");
        var held = Assert.Single(await slowQueue.ReceiveAsync(1, Visibility));

        var recovered = new List<WorkerRecovery>();
        for (var beat = 0; beat < 30; beat++)
        {
            _time.Advance(Options.HeartbeatInterval);
            await slow.RenewAsync();
            await other.RenewAsync();
            recovered.AddRange(await other.RecoverAsync());
        }

        Assert.Empty(recovered);
        Assert.True(await slowQueue.CompleteAsync(held));
    }

    [Fact]
    public async Task A_worker_paused_past_its_lease_receives_nothing_until_a_heartbeat_renews_it()
    {
        var lapses = new List<TimeSpan>();
        var (paused, queue) = Worker("paused", lapse => lapses.Add(lapse));
        await paused.RenewAsync();
        await queue.SendAsync("waiting");

        _time.Advance(Options.LeaseDuration + TimeSpan.FromSeconds(5));
        var whilePaused = await queue.ReceiveAsync(1, Visibility);
        var lapsed = await paused.RenewAsync();
        var afterRenewal = await queue.ReceiveAsync(1, Visibility);

        Assert.Empty(whilePaused);
        Assert.True(lapsed);
        Assert.Equal(
            TimeSpan.FromSeconds(15) - Options.LeaseDuration + Options.HeartbeatInterval,
            Assert.Single(lapses));
        Assert.Equal(["waiting"], afterRenewal.Select(m => m.Body));
    }

    [Fact]
    public async Task A_worker_receives_nothing_before_its_first_heartbeat()
    {
        var (starting, queue) = Worker("starting");
        await queue.SendAsync("early");

        var before = await queue.ReceiveAsync(1, Visibility);
        await starting.RenewAsync();
        var after = await queue.ReceiveAsync(1, Visibility);

        Assert.Empty(before);
        Assert.Single(after);
    }

    [Fact]
    public async Task Messages_held_by_a_worker_without_a_lease_are_released()
    {
        var ghost = _store.AsWorker("ghost").GetQueue("work-items");
        var (checker, checkerQueue) = Worker("checker");
        await checker.RenewAsync();
        await ghost.SendAsync("orphan");
        await ghost.ReceiveAsync(1, Visibility);

        var recovered = await checker.RecoverAsync();

        Assert.Equal(new WorkerRecovery("ghost", "no lease", 1), Assert.Single(recovered));
        Assert.Single(await checkerQueue.ReceiveAsync(1, Visibility));
    }

    [Fact]
    public async Task A_worker_whose_process_exited_is_taken_over_before_its_lease_expires()
    {
        var (survivor, survivorQueue) = Worker("survivor");
        await survivor.RenewAsync();
        using var process = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        var exited = new WorkerIdentity(
            "exited-worker",
            Environment.MachineName,
            process.Id,
            ProcessLiveness.CurrentHostKey(),
            ProcessLiveness.StartMark(process.Id));
        var exitedLease = new WorkerLeaseKeeper(
            _store.GetTable(WorkerLeaseOptions.TableName),
            _store,
            exited,
            Options,
            _time);
        await exitedLease.RenewAsync();
        var exitedQueue = new LeaseGatedStorageProvider(_store.AsWorker(exited.Id), exitedLease).GetQueue("work-items");
        await exitedQueue.SendAsync("in-flight");
        await exitedQueue.ReceiveAsync(1, Visibility);
        var whileRunning = await survivor.RecoverAsync();

        process.Kill();
        await process.WaitForExitAsync();
        var afterExit = await survivor.RecoverAsync();

        Assert.Empty(whileRunning);
        Assert.Equal(new WorkerRecovery(exited.Id, "process exited", 1), Assert.Single(afterExit));
        Assert.Single(await survivorQueue.ReceiveAsync(1, Visibility));
    }

    [Fact]
    public async Task A_neighbour_whose_process_exits_is_taken_over_between_heartbeats_without_a_storage_request()
    {
        var options = new WorkerLeaseOptions
        {
            LeaseDuration = TimeSpan.FromHours(2),
            HeartbeatInterval = TimeSpan.FromHours(1),
            NeighbourCheckInterval = TimeSpan.FromSeconds(1),
        };
        using var process = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        var exited = new WorkerIdentity(
            "exited-worker",
            Environment.MachineName,
            process.Id,
            ProcessLiveness.CurrentHostKey(),
            ProcessLiveness.StartMark(process.Id));
        var leases = _store.GetTable(WorkerLeaseOptions.TableName);
        var exitedLease = new WorkerLeaseKeeper(leases, _store, exited, options, _time);
        await exitedLease.RenewAsync();
        var exitedQueue = new LeaseGatedStorageProvider(_store.AsWorker(exited.Id), exitedLease).GetQueue("work-items");
        await exitedQueue.SendAsync("in-flight");
        await exitedQueue.ReceiveAsync(1, Visibility);
        var recovered = new List<WorkerRecovery>();
        var survivor = new WorkerLeaseKeeper(leases, _store, WorkerIdentity.Current(), options, _time)
        {
            OnRecovered = r =>
            {
                lock (recovered)
                {
                    recovered.Add(r);
                }
            },
        };
        using var stop = new CancellationTokenSource();
        var running = survivor.RunAsync(onFailed: null, stop.Token);
        await Eventually.TrueAsync(
            () => survivor.Neighbours.Any(n => n.WorkerId == exited.Id),
            "the survivor's first check sees its neighbour alive");

        process.Kill();
        await process.WaitForExitAsync();
        // The clock moves a second per poll, whether or not the loop waits yet: at most half an hour in all, so only a
        // look between heartbeats can see the exit.
        var advanced = TimeSpan.Zero;
        await Eventually.TrueAsync(
            () =>
            {
                lock (recovered)
                {
                    if (recovered.Count > 0 || advanced >= options.HeartbeatInterval / 2)
                    {
                        return true;
                    }
                }

                _time.Advance(options.NeighbourCheckInterval);
                advanced += options.NeighbourCheckInterval;
                return false;
            },
            "the survivor notices the exit or half a heartbeat passes");
        await stop.CancelAsync();
        await running.WithDeadline();

        Assert.True(advanced < options.HeartbeatInterval / 2, $"recovered only after {advanced} of fake time");
        Assert.Equal(new WorkerRecovery(exited.Id, "process exited", 1), Assert.Single(recovered));
    }

    [Fact]
    public void The_current_process_is_alive_to_a_neighbour()
    {
        var me = WorkerIdentity.Current();

        Assert.True(ProcessLiveness.IsAlive(me.HostKey, me.ProcessId, me.ProcessStart));
        Assert.Null(ProcessLiveness.IsAlive("another-host", me.ProcessId, me.ProcessStart));
    }

    [Fact]
    public void A_heartbeat_must_fit_twice_in_the_lease()
    {
        var options = new WorkerLeaseOptions
        {
            LeaseDuration = TimeSpan.FromSeconds(3),
            HeartbeatInterval = TimeSpan.FromSeconds(2),
        };

        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void A_neighbour_check_must_be_at_most_the_heartbeat(int seconds)
    {
        var options = new WorkerLeaseOptions
        {
            LeaseDuration = TimeSpan.FromSeconds(10),
            HeartbeatInterval = TimeSpan.FromSeconds(2),
            NeighbourCheckInterval = TimeSpan.FromSeconds(seconds),
        };

        Assert.Contains("NeighbourCheckInterval", Assert.Throws<ArgumentException>(options.Validate).Message);
    }

    private (WorkerLeaseKeeper Keeper, IQueue Queue) Worker(string name, Action<TimeSpan>? onLapsed = null)
    {
        var identity = new WorkerIdentity(name, "test-machine", 0, null, null);
        var keeper = new WorkerLeaseKeeper(
            _store.GetTable(WorkerLeaseOptions.TableName),
            _store,
            identity,
            Options,
            _time) { OnLeaseLapsed = onLapsed };
        return (keeper, new LeaseGatedStorageProvider(_store.AsWorker(name), keeper).GetQueue("work-items"));
    }
}
