package dev.retinaj.train;

import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Adds the run directory's full log file ({@code train.log}, appended on resume) to the root logger. */
public final class RunLog implements AutoCloseable {
    private final Appender appender;

    private RunLog(Appender appender) {
        this.appender = appender;
    }

    public static RunLog attach(Path file) {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration conf = ctx.getConfiguration();
        PatternLayout layout = PatternLayout.newBuilder().withConfiguration(conf)
                .withPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%t] %c{1} - %msg%n%throwable").build();
        FileAppender app = FileAppender.newBuilder().setName("run-" + file).withFileName(file.toString())
                .withAppend(true).setLayout(layout).setConfiguration(conf).build();
        app.start();
        conf.addAppender(app);
        LoggerConfig root = conf.getRootLogger();
        root.addAppender(app, Level.DEBUG, null);
        if (root.getLevel().isMoreSpecificThan(Level.INFO)) {
            root.setLevel(Level.INFO);
        }
        ctx.updateLoggers();
        return new RunLog(app);
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration conf = ctx.getConfiguration();
        conf.getRootLogger().removeAppender(appender.getName());
        appender.stop();
        ctx.updateLoggers();
    }
}
