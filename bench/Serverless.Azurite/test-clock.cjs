// Preloaded into Azurite by AzuriteInstance (node --require). A request carrying the header
// x-azurite-test-clock: <milliseconds since 1970> stops Azurite's clock at that instant, for that request and every
// later one, until a request carries `x-azurite-test-clock: real`. Tests that drive time with a fake clock send it on
// every request, so visibility timeouts, delays and timestamps follow their clock. Requests without the header leave
// the clock alone: an Azurite nobody sends it to runs on real time.
const http = require('http');

const RealDate = Date;
let frozen = null;

class TestClockDate extends RealDate {
  constructor(...args) {
    if (args.length === 0 && frozen !== null) {
      super(frozen);
    } else {
      super(...args);
    }
  }

  static now() {
    return frozen !== null ? frozen : RealDate.now();
  }
}

globalThis.Date = TestClockDate;

// Azurite makes table timestamps and ETags unique within a millisecond with digits of process.hrtime(). While the
// clock stands still every write happens in the same millisecond, so those digits come from a counter instead: each
// write still gets a later timestamp and a new ETag, 100 ns apart.
const realHrtime = process.hrtime;
let tick = 0;
const testHrtime = function (previous) {
  if (frozen === null || previous !== undefined) {
    return realHrtime.call(process, previous);
  }
  tick = (tick + 1) % 10000;
  return [0, tick];
};
testHrtime.bigint = realHrtime.bigint;
process.hrtime = testHrtime;

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, request, ...rest) {
  if (event === 'request') {
    const value = request.headers['x-azurite-test-clock'];
    if (value === 'real') {
      frozen = null;
    } else if (typeof value === 'string' && Number.isFinite(Number(value))) {
      frozen = Number(value);
    }
  }
  return emit.call(this, event, request, ...rest);
};
