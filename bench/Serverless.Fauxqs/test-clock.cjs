// Preloaded into fauxqs by FauxqsInstance (node --require). A request carrying the header
// x-fauxqs-test-clock: <milliseconds since 1970> stops fauxqs's clock at that instant, for that request and every
// later one, until a request carries `x-fauxqs-test-clock: real`. Tests that drive time with a fake clock send it on
// every request, so visibility timeouts, delays and timestamps follow their clock. Requests without the header leave
// the clock alone: a fauxqs nobody sends it to runs on real time.
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

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, request, ...rest) {
  if (event === 'request') {
    const value = request.headers['x-fauxqs-test-clock'];
    if (value === 'real') {
      frozen = null;
    } else if (typeof value === 'string' && Number.isFinite(Number(value))) {
      frozen = Number(value);
    }
  }
  return emit.call(this, event, request, ...rest);
};
