public class W { public static void main(String[] a) throws Exception { io.berth.runtime.linux.LinuxLayer.loadAll(); io.berth.runtime.linux.SystemCalls.umask(022); } }
