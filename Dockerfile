# dynalog: build with the Maven wrapper, run on a JRE.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -q -B -DskipTests package

FROM eclipse-temurin:17-jre
WORKDIR /opt/dynalog
COPY --from=build /src/app/target/dynalog.jar /opt/dynalog/dynalog.jar
COPY --from=build /src/app/target/lib /opt/dynalog/lib
# The class archive that ./dynalog makes once per build: starts map a node's classes from it.
RUN java -Xms256m -Xmx768m -XX:+UseG1GC -Xlog:cds=off,cds+dynamic=off \
        -XX:ArchiveClassesAtExit=/opt/dynalog/dynalog.jsa -jar /opt/dynalog/dynalog.jar warm-up
EXPOSE 8000
VOLUME /data
ENTRYPOINT ["java", "-Xms256m", "-Xmx768m", "-XX:+UseG1GC", "-XX:SharedArchiveFile=/opt/dynalog/dynalog.jsa", \
            "-Xshare:auto", "-Xlog:cds=off,cds+dynamic=off", "-jar", "/opt/dynalog/dynalog.jar"]
CMD ["serve", "--data-dir", "/data"]
