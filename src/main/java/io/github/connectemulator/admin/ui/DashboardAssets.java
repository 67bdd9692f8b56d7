package io.github.connectemulator.admin.ui;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The page's files, served from the jar and nothing else: a fixed list of classpath resources (ours, and uPlot from
 * its WebJar), read once on a worker thread, answered with their content type, an ETag, and headers that keep the
 * page to its own origin (no CDN can be reached even by mistake: the Content-Security-Policy allows only 'self').
 */
final class DashboardAssets {

  /** The uPlot WebJar's version (pom.xml): its files are under META-INF/resources/webjars/uplot/VERSION/. */
  static final String UPLOT_VERSION = "1.6.30";
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
      + "frame-ancestors 'none'";

  private static final String OURS = "connect-emulator-ui/";
  private static final String UPLOT = "META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/";
  private static final String HTML = "text/html; charset=utf-8";
  private static final String JAVASCRIPT = "text/javascript; charset=utf-8";
  private static final String CSS = "text/css; charset=utf-8";

  /** Path under /_emulator/ui/ → classpath resource and content type. */
  static final Map<String, Source> FILES = Map.of(
      "", new Source(OURS + "index.html", HTML),
      "dashboard.js", new Source(OURS + "dashboard.js", JAVASCRIPT),
      "dashboard.css", new Source(OURS + "dashboard.css", CSS),
      "vendor/uPlot.iife.min.js", new Source(UPLOT + "uPlot.iife.min.js", JAVASCRIPT),
      "vendor/uPlot.min.css", new Source(UPLOT + "uPlot.min.css", CSS));

  record Source(String resource, String contentType) {}

  private record Asset(Buffer body, String contentType, String etag) {}

  private Future<Map<String, Asset>> loaded;

  /** Answers a file of the page, or passes the request on when {@code path} is none of them. */
  void serve(RoutingContext ctx, String path) {
    if (!FILES.containsKey(path)) {
      ctx.next();
      return;
    }
    if (loaded == null || loaded.failed()) {
      loaded = ctx.vertx().executeBlocking(DashboardAssets::readAll, false);
    }
    loaded.onComplete(done -> {
      if (done.failed()) {
        ctx.fail(done.cause());
        return;
      }
      Asset asset = done.result().get(path);
      HttpServerResponse response = ctx.response()
          .putHeader(HttpHeaders.ETAG, asset.etag())
          .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
          .putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("Referrer-Policy", "no-referrer");
      if (asset.contentType().equals(HTML)) {
        response.putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      }
      if (asset.etag().equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
        response.setStatusCode(304).end();
        return;
      }
      response.putHeader(HttpHeaders.CONTENT_TYPE, asset.contentType()).end(asset.body());
    });
  }

  private static Map<String, Asset> readAll() throws IOException, NoSuchAlgorithmException {
    var assets = new HashMap<String, Asset>();
    ClassLoader loader = DashboardAssets.class.getClassLoader();
    for (Map.Entry<String, Source> file : FILES.entrySet()) {
      byte[] bytes;
      try (InputStream in = loader.getResourceAsStream(file.getValue().resource())) {
        if (in == null) {
          throw new IOException("not on the classpath: " + file.getValue().resource());
        }
        bytes = in.readAllBytes();
      }
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      String etag = "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
      assets.put(file.getKey(), new Asset(Buffer.buffer(bytes), file.getValue().contentType(), etag));
    }
    return Map.copyOf(assets);
  }
}
